package org.hypertensor.plugin.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plugin API's compatibility gate: the built bundle is compared with the committed baseline
 * ({@code plugin-api/baseline/plugin-api-baseline.jar}) by bnd's semantic-versioning differ. An
 * exported package that changed incompatibly without the version bump bnd suggests fails the build.
 * After a deliberate, reviewed bump: {@code mvn -pl plugin-api package -Papi-rebaseline}.
 */
class ApiBaselineIT {

    private static final File BASELINE = new File(System.getProperty("api.baseline"), "plugin-api-baseline.jar");
    private static final File BUILT = new File(System.getProperty("api.jar"));

    @Test
    void exportedPackagesAreVersionedCompatiblyWithTheBaseline() throws Exception {
        List<String> mismatches = mismatches(BUILT, BASELINE);
        if (!mismatches.isEmpty()) {
            fail("the plugin API changed without the right version bump:\n  " + String.join("\n  ", mismatches)
                    + "\nBump the package versions in package-info.java, then run"
                    + " 'mvn -pl plugin-api package -Papi-rebaseline' and commit the new baseline.");
        }
    }

    @Test
    void removingAnApiTypeWithoutAMajorBumpIsCaught() throws Exception {
        File broken = File.createTempFile("plugin-api-broken", ".jar");
        try (Jar jar = new Jar(BASELINE)) {
            assertTrue(jar.remove("org/hypertensor/plugin/api/shell/Report.class") != null);
            jar.write(broken);
        }
        List<String> mismatches = mismatches(broken, BASELINE);
        assertFalse(mismatches.isEmpty(), "an incompatible change went unnoticed");
        assertTrue(mismatches.get(0).contains("org.hypertensor.plugin.api.shell"), mismatches.toString());
        broken.delete();
    }

    private static List<String> mismatches(File newer, File older) throws Exception {
        List<String> out = new ArrayList<>();
        try (Processor reporter = new Processor();
                Jar n = new Jar(newer);
                Jar o = new Jar(older)) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(n, o, null);
            for (Baseline.Info info : infos) {
                if (info.mismatch) {
                    out.add(info.packageName + " is " + info.newerVersion + " but must be at least "
                            + info.suggestedVersion);
                }
            }
        }
        return out;
    }
}
