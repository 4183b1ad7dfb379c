package org.hypertensor.chain.network.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hypertensor.chain.network.internal.state.ChunkDownload;
import org.hypertensor.chain.network.internal.state.StateServer;
import org.hypertensor.chain.network.internal.state.StateSync;
import org.hypertensor.chain.network.internal.state.StateSyncProgress;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;

/**
 * State sync speed on loopback: a Derby store holding {@code keys} entries (37-byte keys, 48-byte values,
 * like accounts) serves its state over the state protocol from one real p2p host; another host downloads
 * it chunk by chunk, verifies every chunk against the root and puts the leaves into a fresh store's import,
 * then commits it. Prints keys/s of the download (transfer + verification + import) and the commit time.
 *
 * <p>Run: {@code bundles/chain-network/bench/state-sync.sh [keys=100000,1000000] [chunkLeaves=4096]}.
 */
public final class StateSyncBench {

    private StateSyncBench() {}

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "100000,1000000";
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        for (String n : sizes.split(",")) {
            run(Integer.parseInt(n.trim()), chunk);
        }
    }

    private static void run(int keys, int chunk) throws Exception {
        Path dir = Files.createTempDirectory("state-sync-bench");
        ChainStoreFactory factory =
                (ChainStoreFactory) Class.forName("org.hypertensor.store.internal.DerbyChainStoreFactory")
                        .getDeclaredConstructor()
                        .newInstance();
        ExecutorService decoder = Executors.newFixedThreadPool(2);
        try (ChainStore source = factory.open(dir.resolve("source"));
                ChainStore target = factory.open(dir.resolve("target"));
                TestHosts hosts = new TestHosts()) {
            byte[] root = fill(source, keys);
            BlockRecord block = source.blockByNumber(1).orElseThrow();
            byte[] genesis = source.blockByNumber(0).orElseThrow().hash();
            String protocol = StateSync.protocolFor(genesis);
            Host server = hosts.start();
            server.registerHandler(protocol, new StateServer(source::stateAt, chunk));
            Host client = hosts.start();
            client.connect(server.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
            StateSyncProgress progress = new StateSyncProgress(Clock.systemUTC());
            ChunkDownload download = new ChunkDownload(
                    client, protocol, chunk, Duration.ofSeconds(120), decoder, progress, (peer, why) -> {
                        throw new IllegalStateException("bad chunk from " + peer + ": " + why);
                    });
            String load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .trim();
            long t0 = System.nanoTime();
            long commitMs;
            try (StateImport into = target.importState(block, root)) {
                if (!download.download(1, root, List.of(server.localPeerId()), into)) {
                    throw new IllegalStateException("download failed");
                }
                long t1 = System.nanoTime();
                into.commit();
                commitMs = (System.nanoTime() - t1) / 1_000_000;
                double s = (t1 - t0) / 1e9;
                StateSyncProgress.Status st = progress.status();
                System.out.printf(
                        "keys %d, chunks of %d: download+verify+import %.1f s = %.0f keys/s (%.1f MB/s of entries);"
                                + " commit %d ms; load average before: %s%n",
                        st.keys(), chunk, s, st.keys() / s, st.bytes() / s / 1e6, commitMs, load);
            }
            if (!java.util.Arrays.equals(target.state().root(), root)
                    || target.state().size() != keys) {
                throw new IllegalStateException("imported state differs from the source");
            }
        } finally {
            decoder.shutdownNow();
            deleteTree(dir); // 1 GB at 10⁶ keys: a run must not leave it behind
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code keys} entries committed as block 0, then an empty block 1 (state protocol numbers start at 1). */
    private static byte[] fill(ChainStore store, int keys) throws Exception {
        Random rnd = new Random(1);
        StateOverlay overlay = store.overlay();
        for (int i = 0; i < keys; i++) {
            byte[] value = new byte[48];
            rnd.nextBytes(value);
            overlay.put(String.format("balances/account/%020d", i).getBytes(StandardCharsets.UTF_8), value);
        }
        byte[] root = overlay.root();
        store.commit(overlay, block(0, new byte[32]));
        store.commit(store.overlay(), block(1, store.head().orElseThrow().hash()));
        store.finalize(1);
        return root;
    }

    private static BlockRecord block(long number, byte[] parent) {
        byte[] hash = Hashes.blake2b256(new byte[] {(byte) number});
        return new BlockRecord(number, hash, parent, new byte[0], new byte[0], List.of(), new byte[0]);
    }
}
