package org.hypertensor.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The store bundle in a running node: Derby embedded privately, the factory service, commit, proof, reopen. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreIT extends NodeContainer {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hash(int n) {
        byte[] h = new byte[32];
        h[0] = (byte) n;
        return h;
    }

    @Test
    public void commitsAndReopensInsideTheContainer() throws Exception {
        Path dir = home().resolve("data/chain");
        ChainStoreFactory factory = service(ChainStoreFactory.class);
        byte[] root;
        try (ChainStore store = factory.open(dir)) {
            StateOverlay genesis = store.overlay();
            genesis.put(b("balances/alice"), b("100"));
            genesis.put(b("balances/bob"), b("7"));
            store.commit(
                    genesis, new BlockRecord(0, hash(1), new byte[32], b("h0"), b("b0"), List.of(hash(9)), b("r0")));
            root = store.state().root();
            assertArrayEquals(genesis.root(), root);
        }
        assertTrue(
                "derby.log goes under a store directory, not the working directory",
                System.getProperty("derby.stream.error.file", "").endsWith("/chain/derby.log")
                        && !Files.exists(Path.of("derby.log")));

        // Stopping the bundle closes its stores (the embedded engine goes with it); after a restart they reopen.
        Bundle storeBundle = FrameworkUtil.getBundle(ChainStoreFactory.class);
        assertEquals("org.hypertensor.store", storeBundle.getSymbolicName());
        ChainStore held = factory.open(dir);
        storeBundle.stop();
        storeBundle.start();
        try (ChainStore store = service(ChainStoreFactory.class).open(dir)) {
            assertEquals(0, store.head().orElseThrow().number());
            assertArrayEquals(root, store.state().root());
            StateProof proof = store.state().prove(b("balances/alice"));
            assertTrue(proof.verify(root));
            assertArrayEquals(b("100"), proof.value());
            assertEquals(0, store.transaction(hash(9)).orElseThrow().blockNumber());
        }
        held.close(); // already closed by the bundle stop: a no-op
    }
}
