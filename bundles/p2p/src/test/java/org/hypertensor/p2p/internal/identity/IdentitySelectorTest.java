package org.hypertensor.p2p.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.p2p.internal.identity.IdentitySelector.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitySelectorTest {

    private static final Path DEVNET_SPEC =
            Path.of(System.getProperty("devnet.spec", "../../config/etc/chain-devnet.json"));

    @TempDir
    Path dir;

    /** The devnet genesis registers each node under the peer id of its account's URI + "//p2p". */
    @Test
    void devKeysAreTheGenesisSubnetNodes() throws IOException {
        Map<String, String> nodes = genesisNodes();
        assertEquals(3, nodes.size(), "genesis subnet nodes in " + DEVNET_SPEC + ": " + nodes);
        nodes.forEach((account, peerId) -> assertEquals(
                peerId, IdentitySelector.devKey(account + "//p2p").peerId().toString(), account));
        assertEquals(
                nodes.get("//Alice"),
                IdentitySelector.devKey("//Alice//p2p").peerId().toString());
        assertNotEquals(
                nodes.get("//Alice"),
                IdentitySelector.devKey("//Alice").peerId().toString());
    }

    @Test
    void devIdentityIsNeverWrittenToTheKeyFile() throws IOException {
        Path file = dir.resolve("p2p/identity.key");
        NodeKey key = IdentitySelector.select("//Alice//p2p", Chain.NONE, file);
        assertEquals(IdentitySelector.devKey("//Alice//p2p").peerId(), key.peerId());
        assertFalse(Files.exists(file));
        assertEquals(
                key.peerId(),
                IdentitySelector.select(" //Alice//p2p ", Chain.DEV, file).peerId());
        assertFalse(Files.exists(file));
    }

    @Test
    void emptyUriUsesTheKeyFile() throws IOException {
        Path file = dir.resolve("identity.key");
        NodeKey first = IdentitySelector.select("", Chain.DEV, file);
        assertTrue(Files.exists(file));
        assertEquals(
                first.peerId(), IdentitySelector.select("", Chain.NONE, file).peerId());
    }

    @Test
    void refusedOnAChainThatIsNotDev() throws IOException {
        Path file = dir.resolve("identity.key");
        for (Chain chain : new Chain[] {Chain.NOT_DEV, Chain.UNKNOWN}) {
            NodeKey key = IdentitySelector.select("//Alice//p2p", chain, file);
            assertNotEquals(IdentitySelector.devKey("//Alice//p2p").peerId(), key.peerId(), chain.name());
            assertEquals(IdentityStore.loadOrCreate(file).peerId(), key.peerId(), chain.name());
        }
    }

    @Test
    void badUriIsAClearErrorAndFallsBackToTheKeyFile() throws IOException {
        for (String bad : new String[] {"Alice", "//", "//Alice p2p", "/Alice//p2p", "//Al!ce"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> IdentitySelector.devKey(bad));
            assertEquals(
                    "p2p identity.dev.uri = '" + bad
                            + "' is not a development key URI (expected //Name//p2p, e.g. //Alice//p2p)",
                    e.getMessage());
        }
        Path file = dir.resolve("identity.key");
        NodeKey key = IdentitySelector.select("Alice//p2p", Chain.DEV, file);
        assertEquals(IdentityStore.loadOrCreate(file).peerId(), key.peerId());
    }

    private static Map<String, String> genesisNodes() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(DEVNET_SPEC.toFile());
        Map<String, String> out = new TreeMap<>();
        for (JsonNode subnet : spec.findValue("staking").path("subnets")) {
            for (JsonNode node : subnet.path("nodes")) {
                out.put(node.path("account").asText(), node.path("peer_id").asText());
            }
        }
        return out;
    }
}
