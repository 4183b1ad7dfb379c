package org.hypertensor.engine.java.internal.compute;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link DotKernels}: the Vector API's when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the module is then in the boot layer, and Felix exports its
 * package from the system bundle), else, or when configured {@code scalar}, the plain-Java ones. The vector
 * class is loaded by name only after the module was found, so no class of it is touched without it.
 */
public final class KernelChoice {

    /** The Vector API's module. */
    public static final String MODULE = "jdk.incubator.vector";

    static final String VECTOR_CLASS = "org.hypertensor.engine.java.internal.compute.vector.VectorKernels";
    private static final Logger LOG = LoggerFactory.getLogger(KernelChoice.class);

    /** The configured choice. */
    public enum Mode {
        /** Vector kernels when the module is there, else scalar. */
        AUTO,
        /** Always the plain-Java kernels. */
        SCALAR;

        /** The mode named in the engine's configuration, case-insensitively. */
        public static Mode parse(String name) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(name.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("kernels '" + name + "' is not one of auto, scalar");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private KernelChoice() {}

    /** Whether the Vector API's module is in the boot layer. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** The kernels for {@code mode}; the vector ones when asked for and available, else (with one log line) scalar. */
    public static DotKernels choose(Mode mode) {
        if (mode == Mode.SCALAR) {
            return ScalarKernels.INSTANCE;
        }
        if (!vectorModulePresent()) {
            LOG.info("Vector kernels off: start the JVM with --add-modules {} to use them", MODULE);
            return ScalarKernels.INSTANCE;
        }
        return loadVector();
    }

    /** The vector kernels, or scalar ones if they cannot be loaded here (e.g. the package is not wired). */
    static DotKernels loadVector() {
        try {
            return (DotKernels) Class.forName(VECTOR_CLASS, true, KernelChoice.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.warn("Vector kernels could not be loaded ({}); using scalar kernels", e.toString());
            return ScalarKernels.INSTANCE;
        }
    }
}
