package org.hypertensor.bft.internal.driver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ConsensusDriver;
import org.hypertensor.bft.api.DecisionSink;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.ManagedEventLoop;
import org.hypertensor.bft.api.Outbound;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver on a real thread: a single validator finalizes each height at once, through the file guard. */
class ThreadDriverTest {

    private static final BlockHash CHAIN =
            BlockHash.of(Hashes.blake2b256("solo-chain".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dir;

    @Test
    void aSingleValidatorFinalizesEveryHeightAtOnce() throws Exception {
        Ed25519KeyPair alice = DevKeys.derive("//Alice");
        ValidatorSet genesis = ValidatorSet.of(List.of(new Validator(ValidatorKey.of(alice.publicKey()), 10)));
        SignGuard guard = Bft.fileSignGuard(dir.resolve("sign-guard.bin"));
        ConcurrentSkipListMap<Long, Certificate> finalized = new ConcurrentSkipListMap<>();
        CountDownLatch twenty = new CountDownLatch(20);
        Application app = new Application() {
            @Override
            public BlockHash proposeValue(long height, int round) {
                return BlockHash.of(Hashes.blake2b256(("block " + height).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public boolean isValid(long height, BlockHash value) {
                return true;
            }
        };
        Outbound nobody = new Outbound() {
            @Override
            public void broadcastProposal(Proposal proposal) {}

            @Override
            public void broadcastVote(Vote vote) {}
        };
        try (ManagedEventLoop loop = Bft.threadEventLoop("bft-test")) {
            ConsensusDriver[] driver = new ConsensusDriver[1];
            DecisionSink sink = (height, value, certificate) -> {
                finalized.put(height, certificate);
                twenty.countDown();
                driver[0].start(height + 1, genesis);
            };
            driver[0] = Bft.driver(
                    Bft.machine(new MachineConfig(CHAIN, alice, app, Timeouts.DEFAULTS, guard.last())),
                    loop,
                    nobody,
                    sink,
                    guard,
                    1000);
            driver[0].start(1, genesis);
            assertTrue(twenty.await(30, TimeUnit.SECONDS), "decided " + finalized.size() + " heights");
            assertEquals(0, driver[0].status().round(), "no round ever timed out");
        }
        for (long h = 1; h <= 20; h++) {
            Certificate c = finalized.get(h);
            long height = h;
            assertDoesNotThrow(() -> c.verifyFor(genesis, CHAIN, height, app.proposeValue(height, 0)));
        }
        assertTrue(Bft.fileSignGuard(dir.resolve("sign-guard.bin")).last().height() >= 20);
    }
}
