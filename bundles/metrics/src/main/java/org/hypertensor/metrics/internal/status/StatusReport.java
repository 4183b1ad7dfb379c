package org.hypertensor.metrics.internal.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hypertensor.node.core.api.NodeInfo;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the status page shows, read from whichever services run at each request: a section per source, absent
 * when its bundle is not installed. The sources are looked up by name (never typed fields here), so this class
 * loads even where their packages are missing; the section classes that use them load only when they run.
 */
@Component(
        service = StatusReport.class,
        reference = {
            @Reference(
                    name = StatusReport.LEDGER,
                    service = org.hypertensor.ledger.api.Ledger.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = StatusReport.P2P,
                    service = org.hypertensor.p2p.api.P2pNetwork.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = StatusReport.STAKING,
                    service = org.hypertensor.staking.api.StakingQueries.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = StatusReport.SERVERS,
                    service = org.hypertensor.inference.net.api.InferenceServers.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY),
            @Reference(
                    name = StatusReport.MODELS,
                    service = org.hypertensor.model.api.ModelRepository.class,
                    cardinality = ReferenceCardinality.OPTIONAL,
                    policy = ReferencePolicy.DYNAMIC,
                    policyOption = ReferencePolicyOption.GREEDY)
        })
public final class StatusReport {

    static final String LEDGER = "ledger";
    static final String P2P = "p2p";
    static final String STAKING = "staking";
    static final String SERVERS = "servers";
    static final String MODELS = "models";

    private static final Logger LOG = LoggerFactory.getLogger(StatusReport.class);

    private final ComponentContext context;
    private final NodeInfo node;
    /** Model facts by id, found once: an id names one manifest forever. */
    private final Map<String, ModelFacts> models = new ConcurrentHashMap<>();

    @Activate
    public StatusReport(ComponentContext context, @Reference NodeInfo node) {
        this.context = context;
        this.node = node;
    }

    /** The page's data: {@code node} always; {@code chain}, {@code peers}, {@code subnets} when their bundles run. */
    public Map<String, Object> snapshot() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("time", Instant.now().toString());
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("name", node.name());
        self.put("network", node.network());
        self.put("version", node.version());
        report.put("node", self);
        Object ledger = locate(LEDGER);
        Object p2p = locate(P2P);
        Object staking = locate(STAKING);
        if (ledger != null) {
            section(report, "chain", () -> ChainSection.read(ledger));
        }
        if (p2p != null) {
            section(report, "peers", () -> PeersSection.read(p2p, staking));
        }
        if (staking != null) {
            Object servers = locate(SERVERS);
            Object repository = locate(MODELS);
            section(report, "subnets", () -> SubnetsSection.read(staking, servers, repository, models));
            report.put("inference", servers != null);
        }
        return report;
    }

    /** A section that fails (its service stopping under it) says why instead of failing the page. */
    private static void section(Map<String, Object> report, String name, Supplier<Object> read) {
        try {
            report.put(name, read.get());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("status section {} failed", name, e);
            report.put(name, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Object locate(String name) {
        try {
            return context.locateService(name);
        } catch (RuntimeException | LinkageError e) {
            return null; // the service went, or its package is not wired here
        }
    }
}
