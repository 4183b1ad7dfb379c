package org.hypertensor.bft.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.ConsensusDriver;
import org.hypertensor.bft.api.DecisionSink;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.Outbound;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignGuard;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Step;
import org.hypertensor.bft.api.Timeouts;
import org.hypertensor.bft.api.Validator;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.ValidatorSet;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.bft.sim.VirtualLoop;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSignGuardTest {

    private static final BlockHash CHAIN = hash("guard-chain");
    private static final BlockHash A = hash("A");
    private static final BlockHash B = hash("B");

    @TempDir
    Path dir;

    private static BlockHash hash(String s) {
        return BlockHash.of(Hashes.blake2b256(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void recordsSurviveReopeningAndTheRuleHolds() throws IOException {
        Path file = dir.resolve("bft/sign-guard.bin");
        SignGuard guard = Bft.fileSignGuard(file);
        assertNull(guard.last());
        guard.record(new SignRecord(5, 1, Step.PREVOTE, A));
        SignGuard reopened = Bft.fileSignGuard(file);
        assertEquals(new SignRecord(5, 1, Step.PREVOTE, A), reopened.last());
        assertThrows(IllegalStateException.class, () -> reopened.record(new SignRecord(5, 1, Step.PREVOTE, B)));
        assertThrows(IllegalStateException.class, () -> reopened.record(new SignRecord(5, 1, Step.PREVOTE, null)));
        assertThrows(IllegalStateException.class, () -> reopened.record(new SignRecord(5, 0, Step.PRECOMMIT, A)));
        assertThrows(IllegalStateException.class, () -> reopened.record(new SignRecord(4, 9, Step.PRECOMMIT, A)));
        reopened.record(new SignRecord(5, 1, Step.PREVOTE, A)); // the same again is fine
        reopened.record(new SignRecord(5, 1, Step.PRECOMMIT, null));
        assertEquals(
                new SignRecord(5, 1, Step.PRECOMMIT, null),
                Bft.fileSignGuard(file).last());
        assertFalse(Files.exists(file.resolveSibling("sign-guard.bin.tmp")), "the temporary file was renamed");
    }

    @Test
    void aCorruptFileIsRefused() throws IOException {
        Path file = dir.resolve("guard.bin");
        Bft.fileSignGuard(file).record(new SignRecord(1, 0, Step.PROPOSE, A));
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 1;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> Bft.fileSignGuard(file));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Bft.fileSignGuard(file));
    }

    /** A validator prevotes, "crashes" (all memory lost), restarts from the file: it never signs a conflict. */
    @Test
    void aRestartedValidatorNeverSignsAConflictingVote() throws IOException {
        Path file = dir.resolve("node/sign-guard.bin");
        List<Ed25519KeyPair> keys = new ArrayList<>();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(DevKeys.derive("//Guard" + i));
            validators.add(new Validator(ValidatorKey.of(keys.get(i).publicKey()), 1));
        }
        ValidatorSet set = ValidatorSet.of(validators);
        Ed25519KeyPair proposer = keys.stream()
                .filter(k -> ValidatorKey.of(k.publicKey()).equals(set.proposer(0)))
                .findFirst()
                .orElseThrow();
        Ed25519KeyPair me = keys.stream().filter(k -> k != proposer).findFirst().orElseThrow();
        List<Vote> sent = new ArrayList<>();

        // Before the crash: prevote A on the round-0 proposal.
        Run first = new Run(me, file, sent);
        first.driver.start(1, set);
        first.driver.proposalReceived(Proposal.sign(proposer, CHAIN, 1, 0, A, -1));
        first.loop.runFor(10);
        assertEquals(1, sent.size());
        assertEquals(A, sent.get(0).value());

        // After the restart: no proposal arrives, the propose timeout wants a nil prevote: refused.
        Run second = new Run(me, file, sent);
        second.driver.start(1, set);
        second.loop.runFor(5_000);
        assertEquals(1, sent.size(), "no conflicting prevote: " + sent);
        assertEquals(1, second.driver.status().guardRefusals());
        assertEquals(Step.PREVOTE, second.driver.status().step());
    }

    @Test
    void aGuardThatCannotPersistHaltsSigning() {
        SignGuard broken = new SignGuard() {
            @Override
            public SignRecord last() {
                return null;
            }

            @Override
            public void record(SignRecord next) throws IOException {
                throw new IOException("disk full");
            }
        };
        Ed25519KeyPair me = DevKeys.derive("//Alone");
        ValidatorSet set = ValidatorSet.of(List.of(new Validator(ValidatorKey.of(me.publicKey()), 1)));
        List<Vote> sent = new ArrayList<>();
        List<Proposal> proposed = new ArrayList<>();
        VirtualLoop loop = new VirtualLoop();
        ConsensusDriver driver = Bft.driver(
                Bft.machine(new MachineConfig(CHAIN, me, app(), Timeouts.DEFAULTS, null)),
                loop,
                outbound(sent, proposed),
                (h, v, c) -> {},
                broken,
                1000);
        driver.start(1, set);
        loop.runFor(10_000);
        assertTrue(driver.halted());
        assertEquals(List.of(), sent);
        assertEquals(List.of(), proposed);
    }

    private static Application app() {
        return new Application() {
            @Override
            public BlockHash proposeValue(long height, int round) {
                return B;
            }

            @Override
            public boolean isValid(long height, BlockHash value) {
                return true;
            }
        };
    }

    private static Outbound outbound(List<Vote> votes, List<Proposal> proposals) {
        return new Outbound() {
            @Override
            public void broadcastProposal(Proposal proposal) {
                proposals.add(proposal);
            }

            @Override
            public void broadcastVote(Vote vote) {
                votes.add(vote);
            }
        };
    }

    /** One life of a validator process: a fresh machine and driver over the guard file. */
    private static final class Run {
        final VirtualLoop loop = new VirtualLoop();
        final ConsensusDriver driver;

        Run(Ed25519KeyPair me, Path file, List<Vote> sent) throws IOException {
            SignGuard guard = Bft.fileSignGuard(file);
            DecisionSink sink = (long h, BlockHash v, Certificate c) -> {};
            driver = Bft.driver(
                    Bft.machine(new MachineConfig(CHAIN, me, app(), Timeouts.DEFAULTS, guard.last())),
                    loop,
                    outbound(sent, new ArrayList<>()),
                    sink,
                    guard,
                    0);
        }
    }
}
