package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Hot swap of the inference backend in the running node: blocks served by engine-java move to
 * engine-tensorflow when it is installed (higher priority), back when it is stopped or uninstalled, and to
 * the example engine plugin when it is hot-deployed and preferred; an open session keeps giving the outputs
 * it would have given on one engine (within 1e-4), and the framework never restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineSwapIT extends NodeContainer {

    private static final float TOLERANCE = 1e-4f;
    private static final String TF_BSN = "org.hypertensor.engine.tensorflow";

    @Override
    @Configuration
    public Option[] config() throws IOException {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        // One natives extraction per machine (JavaCPP's default cache), not 650 MB per test home.
        options.add(systemProperty("org.bytedeco.javacpp.cachedir")
                .value(Path.of(System.getProperty("user.home"), ".javacpp", "cache")
                        .toString()));
        return options.toArray(new Option[0]);
    }

    @Test
    public void blocksMoveBetweenEnginesAndSessionsKeepTheirOutputs() throws Exception {
        long frameworkStarted = context().getBundle(0).getLastModified();
        shell("feature:install inference");
        shell("model:generate swap tiny");
        new Swap().run(frameworkStarted);
    }

    @Test
    public void mistakesAreOneLineErrors() throws Exception {
        shell("feature:install inference");
        assertEquals("no model size 'huge' (sizes: tiny, small, 100m)", shellError("model:generate m huge"));
        assertTrue(shellError("infer:local -m nope hi").startsWith("no model 'nope' (not a name under "));
        assertEquals("no engine named 'nope' (available: java)", shellError("engine:prefer nope"));
        // the Java engine in Felix gets the Vector API (this JVM runs with --add-modules jdk.incubator.vector)
        String java = shell("engine:java");
        assertTrue("the SIMD kernels: " + java, java.matches("(?s).*kernels: vector, \\d+-bit \\(\\d+ floats\\).*"));
        shell("model:generate bad tiny");
        Path copy = home().resolve("data/models/bad/model.safetensors");
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length - 1] ^= 1;
        Files.write(copy, bytes);
        assertTrue(shellError("model:info bad")
                .startsWith("weight file model.safetensors does not match the manifest: SHA-256 "));
        assertTrue(shellError("infer:local -m bad hi").startsWith("weight file model.safetensors does not match"));
        Files.writeString(home().resolve("data/models/bad/model.safetensors"), "not a safetensors file");
        Files.writeString(home().resolve("data/models/bad/manifest.json"), "{\"format\": 1}");
        assertTrue(shellError("model:info bad").startsWith("invalid manifest.json: "));
        shell("model:generate ok tiny");
        String ok = shell("infer:local -n 4 -m ok hi");
        assertTrue("the node still generates after the refusals: " + ok, ok.matches("(?s).*generated tokens\\s+4\n.*"));
    }

    /** Loaded only once the inference feature is installed (the test probe imports its API dynamically). */
    static final class Swap {

        void run(long frameworkStarted) throws Exception {
            ModelRepository models = service(ModelRepository.class);
            BlockHost host = service(BlockHost.class);
            try (Model model = models.open("swap", LoadProgress.NONE)) {
                HostedBlocks blocks = host.host(model.manifest(), new BlockRange(0, 2), model.weights());
                assertEquals("java", blocks.engine());
                int[] lengths = {3, 1, 1, 1, 1, 1};
                Tensor[] inputs = new Tensor[lengths.length];
                Tensor[] expected = new Tensor[lengths.length];
                try (InferenceSession reference = blocks.openSession(1, 16)) {
                    for (int i = 0; i < inputs.length; i++) {
                        inputs[i] = random(lengths[i], 64, i);
                        expected[i] = blocks.forward(inputs[i], reference);
                    }
                }
                String greedyJava = generated(shell("infer:local -m swap -n 12 \"Hot swap\""));
                InferenceSession session = blocks.openSession(1, 16);
                step(blocks, session, inputs, expected, 0);

                shell("feature:install engine-tensorflow");
                await("the blocks on tensorflow", () -> blocks.engine().equals("tensorflow"));
                assertEquals("cpu", blocks.device());
                step(blocks, session, inputs, expected, 1);
                assertTrue(
                        shell("engine:list"),
                        shell("engine:list").matches("(?s).*tensorflow\\s+cpu\\s+20\\s+serving\\s+swap 0:2.*"));
                String tfRun = shell("infer:local -m swap -n 12 \"Hot swap\"");
                assertTrue(tfRun, tfRun.contains("tensorflow (cpu)"));
                assertEquals("identical greedy generations on both engines", greedyJava, generated(tfRun));

                Bundle tf = bundle(TF_BSN);
                tf.stop();
                await("the blocks back on java", () -> blocks.engine().equals("java"));
                step(blocks, session, inputs, expected, 2);
                tf.start();
                await("the blocks on tensorflow again", () -> blocks.engine().equals("tensorflow"));
                step(blocks, session, inputs, expected, 3);
                shell("feature:uninstall engine-tensorflow");
                await(
                        "the blocks on java after the uninstall",
                        () -> blocks.engine().equals("java"));
                step(blocks, session, inputs, expected, 4);

                Path deployed = home().resolve("deploy/engine-plugin.jar");
                writeAtomically(deployed, Files.readAllBytes(DIST.resolve("system/engine-plugin-1.0.0.jar")));
                await("the example engine to register", () -> commandWorks("engine:prefer f64"));
                assertEquals("f64", blocks.engine());
                step(blocks, session, inputs, expected, 5);
                assertTrue(shell("engine:list").matches("(?s).*f64\\s+cpu\\s+5\\s+serving \\(preferred\\).*"));
                Files.delete(deployed);
                await("the example engine to leave", () -> blocks.engine().equals("java"));
                assertEquals(6, blocks.moves());
                assertEquals(8, session.position());
                session.close();
                blocks.close();
            }
            assertEquals(
                    "the framework never restarted",
                    frameworkStarted,
                    context().getBundle(0).getLastModified());
        }

        private static void step(
                HostedBlocks blocks, InferenceSession session, Tensor[] inputs, Tensor[] expected, int i) {
            float err = blocks.forward(inputs[i], session).maxAbsDifference(expected[i]);
            assertTrue("step " + i + " on " + blocks.engine() + " differs by " + err, err <= TOLERANCE);
        }

        private static Tensor random(int seq, int hidden, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] v = new float[seq * hidden];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return Tensor.of(v, 1, seq, hidden);
        }

        /** The streamed text of an infer:local run: its first line, after the progress it overwrote. */
        private static String generated(String output) {
            String first = output.split("\n")[0];
            first = first.substring(first.lastIndexOf('\r') + 1);
            assertTrue(output, first.startsWith("Hot swap"));
            return first;
        }
    }

    private static Bundle bundle(String bsn) {
        return Arrays.stream(context().getBundles())
                .filter(b -> bsn.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(bsn + " is not installed"));
    }
}
