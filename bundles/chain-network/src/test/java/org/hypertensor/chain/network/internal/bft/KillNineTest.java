package org.hypertensor.chain.network.internal.bft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.chain.network.internal.gossip.Topics;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Double-sign protection across {@code kill -9}: //Dave runs in a process of its own next to three
 * validators in this JVM, and is killed (SIGKILL) at a random moment after it has signed something,
 * again and again, each time restarted on the same database and guard file. Every vote of Dave that
 * reaches the others is recorded: never two different values for one (height, round, step). Then Dave
 * rejoins and votes at a new height. {@code -Dkill.rounds=20} for the long run (3 by default).
 */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void aValidatorKilledMidRoundNeverDoubleSignsAndRejoins() throws Exception {
        int rounds = Integer.getInteger("kill.rounds", 3);
        Random random = new Random(Long.getLong("kill.seed", 13));
        ValidatorKey dave = ValidatorKey.of(DevKeys.derive("//Dave").publicKey());
        Map<String, Set<BlockHash>> daveSigned = new ConcurrentHashMap<>();
        Map<String, Integer> daveVotes = new ConcurrentHashMap<>();
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            List<PubSub.Subscription> listeners = new ArrayList<>();
            try {
                for (String n : new String[] {"Alice", "Bob", "Charlie"}) {
                    nodes.add(new BftNode(n, FourValidatorsTest.SPEC, dir, hosts));
                }
                FourValidatorsTest.connectAll(nodes);
                String votes = Topics.of(nodes.get(0).chain.genesisHash(), "votes");
                for (BftNode n : nodes) {
                    listeners.add(n.pubsub().subscribe(votes, m -> {
                        Vote v = Vote.decode(m.data());
                        if (v.validator().equals(dave)) {
                            String slot = v.height() + "/" + v.round() + "/" + v.type();
                            daveSigned
                                    .computeIfAbsent(slot, k -> ConcurrentHashMap.newKeySet())
                                    .add(v.value() == null ? BlockHash.of(new byte[32]) : v.value());
                            daveVotes.merge("all", 1, Integer::sum);
                        }
                    }));
                }
                nodes.forEach(BftNode::start);
                FourValidatorsTest.awaitAll(nodes, 2, Duration.ofSeconds(60));
                for (int round = 0; round < rounds; round++) {
                    Process p = startDave(nodes);
                    int before = daveVotes.getOrDefault("all", 0);
                    try {
                        TestHosts.await(
                                "Dave voting (round " + round + ")",
                                Duration.ofSeconds(60),
                                () -> daveVotes.getOrDefault("all", 0) > before);
                    } catch (AssertionError e) {
                        p.destroyForcibly();
                        List<String> log = Files.readAllLines(dir.resolve("dave.out"), StandardCharsets.UTF_8);
                        throw new AssertionError(e.getMessage() + "; finalized here: "
                                + nodes.stream()
                                        .map(n -> n.name + " #" + n.finalized() + " " + n.engine.status())
                                        .toList()
                                + "; Dave's log ends: " + log.subList(Math.max(0, log.size() - 15), log.size()));
                    }
                    Thread.sleep(random.nextInt(1500));
                    p.destroyForcibly();
                    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "Dave did not die");
                }
                // Dave back for good: he votes at a height after the last kill, and the chain goes on.
                Process p = startDave(nodes);
                try {
                    long now = FourValidatorsTest.maxFinalized(nodes);
                    TestHosts.await(
                            "Dave voting again",
                            Duration.ofSeconds(60),
                            () -> daveSigned.keySet().stream()
                                    .anyMatch(slot -> Long.parseLong(slot.substring(0, slot.indexOf('/'))) > now + 1));
                    FourValidatorsTest.awaitAll(nodes, now + 3, Duration.ofSeconds(60));
                } finally {
                    p.destroyForcibly();
                    p.waitFor(20, TimeUnit.SECONDS);
                }
                FourValidatorsTest.assertSameChain(nodes);
                for (Map.Entry<String, Set<BlockHash>> slot : daveSigned.entrySet()) {
                    assertEquals(1, slot.getValue().size(), "Dave signed two values at " + slot.getKey());
                }
                assertTrue(daveSigned.size() > rounds, "Dave's votes were seen");
            } finally {
                listeners.forEach(PubSub.Subscription::close);
                nodes.forEach(BftNode::close);
            }
        }
    }

    private static boolean started(Path out) {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8).contains("ready");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private Process startDave(List<BftNode> nodes) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ValidatorProcess.class.getName(),
                "Dave",
                dir.toString()));
        for (BftNode n : nodes) {
            command.add(n.host.listenAddresses().get(0).toString());
        }
        // Its log goes to stdout: into a file, so a full pipe never stalls it.
        Path out = dir.resolve("dave.out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            TestHosts.await("Dave started", Duration.ofSeconds(60), () -> started(out) || !p.isAlive());
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        if (!p.isAlive()) {
            throw new AssertionError("Dave did not start: " + Files.readString(out));
        }
        return p;
    }
}
