package org.hypertensor.engine.tensorflow.internal.runtime;

import java.nio.file.Path;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * Loads TensorFlow's natives (extracted by JavaCPP into its cache directory, under the node's data/ when
 * the engine runs in a node) and decides the device: a GPU is used only when one really answers.
 */
public final class TfRuntime {

    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final Logger LOG = LoggerFactory.getLogger(TfRuntime.class);

    private final String device;
    private final ConfigProto config;

    private TfRuntime(String device, ConfigProto config) {
        this.device = device;
        this.config = config;
    }

    /**
     * @param requested {@code auto}, {@code cpu} or {@code gpu}
     * @param threads intra-op threads; 0 lets TensorFlow use every core
     * @param cacheDir where JavaCPP extracts the natives unless {@value #CACHE_DIR_PROPERTY} is set already
     */
    public static synchronized TfRuntime start(String requested, int threads, Path cacheDir) {
        if (cacheDir != null && System.getProperty(CACHE_DIR_PROPERTY) == null) {
            System.setProperty(CACHE_DIR_PROPERTY, cacheDir.toString());
        }
        long t0 = System.nanoTime();
        String version = TensorFlow.version();
        boolean gpu = !requested.equals(EngineProperties.CPU) && gpuAnswers();
        if (requested.equals(EngineProperties.GPU) && !gpu) {
            LOG.warn(
                    "TensorFlow: device gpu configured but no GPU answers (CPU natives, or no CUDA device); using cpu");
        }
        // Grappler's rewrites gain nothing on these small graphs and log cost-model warnings for every run.
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setAllowSoftPlacement(true)
                .setIntraOpParallelismThreads(Math.max(0, threads))
                .setInterOpParallelismThreads(2)
                .setGraphOptions(GraphOptions.newBuilder()
                        .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
        if (!gpu) {
            config.putDeviceCount("GPU", 0);
        }
        String device = gpu ? EngineProperties.GPU : EngineProperties.CPU;
        LOG.info(
                "TensorFlow {} ready on {} in {} ms (natives cache {})",
                version,
                device,
                (System.nanoTime() - t0) / 1_000_000,
                System.getProperty(CACHE_DIR_PROPERTY, "~/.javacpp/cache"));
        return new TfRuntime(device, config.build());
    }

    /** Runs one op pinned to GPU 0 with soft placement off: it fails where there is no GPU. */
    private static boolean gpuAnswers() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g)
                    .withDevice(DeviceSpec.newBuilder()
                            .deviceType(DeviceSpec.DeviceType.GPU)
                            .deviceIndex(0)
                            .build());
            var one = tf.identity(tf.constant(1f));
            try (Session s = new Session(
                            g,
                            ConfigProto.newBuilder()
                                    .setAllowSoftPlacement(false)
                                    .build());
                    TFloat32 r = (TFloat32) s.runner().fetch(one).run().get(0)) {
                return r.getFloat() == 1f;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String device() {
        return device;
    }

    public ConfigProto config() {
        return config;
    }
}
