package org.hypertensor.inference.net.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.GeneratorModel;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.InferenceServers;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.ServerDirectory;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.p2p.api.P2pNetwork;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The distributed {@link TextGenerator} ({@code hypertensor.generator.mode=distributed}): the subnet's model
 * through its staked servers, embeddings/norm/head kept here. Offers one model, named by the subnet (or
 * {@code model.id}). Also the {@link InferenceServers} view of the DHT.
 */
@Component(
        service = {TextGenerator.class, InferenceServers.class, ClientComponent.class},
        property = TextGenerator.MODE + "=distributed",
        configurationPid = ClientConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = {
            @Reference(
                    name = ServerComponent.STAKING,
                    service = org.hypertensor.staking.api.StakingQueries.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = ServerComponent.ADMISSION,
                    service = PeerAdmission.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = ClientComponent.SERVER,
                    service = ServerComponent.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY)
        })
@Designate(ocd = ClientConfig.class)
public final class ClientComponent implements TextGenerator, InferenceServers {

    static final String SERVER = "server";

    private final ModelRepository models;
    private final ClientConfig config;
    private final ChainStake stake;
    private final ClientNetwork net;
    private Model model;

    @Activate
    public ClientComponent(
            @Reference P2pNetwork p2p,
            @Reference Dht dht,
            @Reference ModelRepository models,
            ComponentContext component,
            ClientConfig config) {
        this.models = models;
        this.config = config;
        this.stake = new ChainStake(() -> locate(component, ServerComponent.STAKING), () ->
                (PeerAdmission) locate(component, ServerComponent.ADMISSION));
        ClientSettings settings = new ClientSettings(
                Duration.ofSeconds(config.step_timeout_seconds()),
                config.max_failures(),
                Duration.ofSeconds(config.ban_seconds()),
                Duration.ofSeconds(config.ban_max_seconds()),
                Duration.ofSeconds(config.directory_cache_seconds()));
        this.net = new ClientNetwork(
                p2p, new ServerDirectory(dht, stake, Duration.ofSeconds(10)), settings, Clock.systemUTC());
        net.setLocalServer(() -> {
            ServerComponent s = (ServerComponent) locate(component, SERVER);
            BlockServer b = s == null ? null : s.server();
            return b != null && s.subnet() == config.subnet() ? b : null;
        });
    }

    private static Object locate(ComponentContext c, String name) {
        try {
            return c.locateService(name);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    public ClientNetwork network() {
        return net;
    }

    public long subnet() {
        return config.subnet();
    }

    public int defaultMaxTokens() {
        return config.max_new_tokens();
    }

    /** The local copy of the model (opened, and its hashes checked, on first use). */
    public synchronized Model model(LoadProgress progress) {
        if (model == null) {
            model = models.open(config.model(), progress);
        }
        return model;
    }

    /** The id callers name the model by. */
    public String modelId() {
        if (!config.model_id().isBlank()) {
            return config.model_id();
        }
        String name = stake.subnetName(config.subnet());
        return name != null ? name : config.model();
    }

    @Override
    public List<GeneratorModel> models() {
        return List.of(new GeneratorModel(
                modelId(), config.subnet(), maxPositions(), "subnet " + config.subnet() + " through its servers"));
    }

    private int maxPositions() {
        try {
            return model(LoadProgress.NONE).manifest().config().maxPositions();
        } catch (ModelFormatException e) {
            return 0; // no local copy of the model (yet): generation will say so
        }
    }

    @Override
    public List<BlockAnnouncement> servers(long subnet) {
        Model m = model(LoadProgress.NONE);
        return net.servers(subnet, m.manifest().config().numLayers(), true);
    }

    @Override
    public Completion generate(CompletionRequest request, Listener listener) {
        if (!request.model().equals(modelId())) {
            throw new GenerationException(
                    GenerationException.Kind.UNKNOWN_MODEL,
                    "no model '" + request.model() + "' (this node offers '" + modelId() + "')");
        }
        DistributedGenerator.Result r = generator(LoadProgress.NONE).generate(request, listener);
        return DistributedGenerator.completion(r, request.maxTokens());
    }

    /** A generator on the local copy of the model. */
    public DistributedGenerator generator(LoadProgress progress) {
        Model m;
        try {
            m = model(progress);
        } catch (ModelFormatException e) {
            throw new GenerationException(GenerationException.Kind.INTERNAL, e.getMessage());
        }
        return new DistributedGenerator(
                net, config.subnet(), m.manifest(), new ModelEnds(m.manifest().config(), m.weights()), m.tokenizer());
    }
}
