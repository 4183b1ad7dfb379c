package org.hypertensor.engine.tensorflow.internal;

import java.util.Hashtable;
import org.hypertensor.engine.tensorflow.internal.runtime.TfRuntime;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Starts TensorFlow when the bundle starts, then registers the engine with the device it really got
 * ({@code engine.device} is known only once the natives answered, so DS cannot declare it up front).
 */
@Component(
        immediate = true,
        configurationPid = "org.hypertensor.engine.tensorflow",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TensorFlowEngineConfig.class)
public final class TensorFlowComponent {

    static final int PRIORITY = 20;

    private final ServiceRegistration<InferenceEngine> registration;

    @Activate
    public TensorFlowComponent(BundleContext context, TensorFlowEngineConfig config, @Reference NodeInfo node) {
        TfRuntime runtime = TfRuntime.start(
                config.device(), config.threads(), node.dataDir().resolve("javacpp"));
        TensorFlowEngine engine =
                new TensorFlowEngine(runtime, (long) config.cache_max_mb() << 20, !"f32".equals(config.weights()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EngineProperties.NAME, TensorFlowEngine.NAME);
        props.put(EngineProperties.DEVICE, runtime.device());
        props.put(EngineProperties.PRIORITY, config.engine_priority());
        props.put(EngineProperties.ARCHITECTURES, engine.architectures().toArray(new String[0]));
        props.put(
                EngineProperties.DTYPES,
                engine.dtypes().stream().map(Enum::name).sorted().toArray(String[]::new));
        registration = context.registerService(InferenceEngine.class, engine, props);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
