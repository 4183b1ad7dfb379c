package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many generations at once through the same servers: each gets its own sessions and the same text. */
class ConcurrentSessionsTest {

    @TempDir
    Path dir;

    @Test
    void twentyConcurrentGenerations() throws Exception {
        try (TestNetwork net = new TestNetwork(dir, ModelSize.TINY)) {
            net.server(new BlockRange(0, 1), 32);
            net.server(new BlockRange(1, 2), 32);
            ClientNetwork client = net.client(net.node(), (s, p) -> true, ClientSettings.defaults());
            String expected = net.generator(client)
                    .generate("together", 16, SamplingOptions.GREEDY, p -> true)
                    .text();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    results.add(pool.submit(() -> net.generator(client)
                            .generate("together", 16, SamplingOptions.GREEDY, p -> true)
                            .text()));
                }
                for (Future<String> f : results) {
                    assertEquals(expected, f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
