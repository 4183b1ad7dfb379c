package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API compatibility gate for every bundle that exports packages: each built bundle in the distribution is
 * compared with its last released jar in {@code baseline/} by bnd's semantic-versioning differ. An exported
 * package that changed incompatibly without the version bump bnd suggests fails the build; so does an exporting
 * bundle without a baseline. After a deliberate, reviewed change: bump the package versions in package-info.java,
 * build, run {@code .ci/rebaseline} and commit the new baseline jars.
 */
class ApiBaselineIT {

    private static final Path DIST = Path.of(System.getProperty("hypertensor.test.dist"));
    private static final Path BASELINES = DIST.resolve("../../../baseline").normalize();

    @Test
    void everyExportedPackageIsVersionedCompatiblyWithItsBaseline() throws Exception {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path built : nodeBundles()) {
            Path baseline = BASELINES.resolve(baselineName(built));
            try (Jar jar = new Jar(built.toFile())) {
                String exports = jar.getManifest().getMainAttributes().getValue("Export-Package");
                if (!Files.exists(baseline)) {
                    if (exports != null) {
                        problems.add(built.getFileName() + " exports packages but has no baseline " + baseline);
                    }
                    continue;
                }
            }
            problems.addAll(mismatches(built.toFile(), baseline.toFile()));
            compared++;
        }
        if (!problems.isEmpty()) {
            fail("API baselines:\n  " + String.join("\n  ", problems)
                    + "\nBump the package versions in package-info.java, build, run .ci/rebaseline and commit"
                    + " the changed baseline jars.");
        }
        assertTrue(compared >= 10, "only " + compared + " bundles compared with a baseline");
    }

    @Test
    void removingAnApiTypeWithoutAMajorBumpIsCaught(@TempDir Path dir) throws Exception {
        File baseline = BASELINES.resolve("hypertensor-plugin-api.jar").toFile();
        File broken = dir.resolve("plugin-api-broken.jar").toFile();
        try (Jar jar = new Jar(baseline)) {
            assertTrue(jar.remove("org/hypertensor/plugin/api/shell/Report.class") != null);
            jar.write(broken);
        }
        List<String> mismatches = mismatches(broken, baseline);
        assertFalse(mismatches.isEmpty(), "an incompatible change went unnoticed");
        assertTrue(mismatches.get(0).contains("org.hypertensor.plugin.api.shell"), mismatches.toString());
    }

    /** The node's own bundles in the distribution ({@code hypertensor-*.jar}, the launcher excepted). */
    private static List<Path> nodeBundles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("boot", "bundle", "system")) {
            if (!Files.isDirectory(DIST.resolve(dir))) {
                continue;
            }
            try (Stream<Path> files = Files.list(DIST.resolve(dir))) {
                files.filter(p -> String.valueOf(p.getFileName()).matches("(\\d+-)?hypertensor-.*\\.jar"))
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** {@code hypertensor-ledger-0.1.0-SNAPSHOT.jar}, {@code 11-hypertensor-logging.jar} → {@code hypertensor-ledger.jar}, … */
    static String baselineName(Path built) {
        return String.valueOf(built.getFileName())
                .replaceFirst("^\\d+-", "")
                .replaceFirst("-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.jar$", ".jar");
    }

    private static List<String> mismatches(File newer, File older) throws Exception {
        List<String> out = new ArrayList<>();
        try (Processor reporter = new Processor();
                Jar n = new Jar(newer);
                Jar o = new Jar(older)) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(n, o, null);
            for (Baseline.Info info : infos) {
                if (info.mismatch) {
                    out.add(newer.getName() + ": " + info.packageName + " is " + info.newerVersion
                            + " but must be at least " + info.suggestedVersion);
                }
            }
        }
        return out;
    }
}
