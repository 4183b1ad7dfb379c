package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.crypto.api.DevKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The p2p host's development identity ({@code identity.dev.uri}) in a real distribution with the real
 * ledger: taken on the devnet chain (the genesis subnet's peer id for //Alice, no key file written),
 * refused on a chain spec that is not dev (one ERROR line, the key file's identity).
 */
class DevIdentityIT {

    private static final String ALICE_P2P = "12D3KooWHfiYgv92XJ79MSt5tLMYdLUqupQmZEwWyV6PtbxLF35A";
    private static final Pattern PEER_ID = Pattern.compile("peer id\\s+(12D3KooW\\w+)");

    private static String peerId(LauncherIT.Result r) {
        Matcher m = PEER_ID.matcher(r.out());
        assertTrue(m.find(), r.out() + r.err());
        return m.group(1);
    }

    private static void seed(Path home, String chainSpec) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("data"));
        Files.writeString(
                home.resolve("etc/org.hypertensor.ledger.cfg"), "chain.spec = " + chainSpec + "\nvalidator.key =\n");
        Files.writeString(
                home.resolve("etc/org.hypertensor.p2p.cfg"),
                "identity.dev.uri = //Alice//p2p\nlisten = /ip4/127.0.0.1/tcp/0\n");
        Files.writeString(home.resolve("data/features.installed"), "p2p\n");
    }

    @Test
    void devChainTakesTheDevelopmentIdentity(@TempDir Path home) throws Exception {
        seed(home, "etc/chain-devnet.json");
        LauncherIT.Result r = LauncherIT.hypertensor(home, "run", "-c", "p2p:id ; node:logs -l WARN");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(ALICE_P2P, peerId(r));
        assertTrue(
                r.out().contains("p2p identity is the development key //Alice//p2p: for local devnets only"), r.out());
        assertTrue(r.out().contains("the chain spec is dev"), r.out());
        assertFalse(Files.exists(home.resolve("data/p2p/identity.key")), "a development key is never written");
    }

    @Test
    void chainThatIsNotDevRefusesIt(@TempDir Path home) throws Exception {
        seed(home, "etc/chain-test.json");
        // the devnet spec, not marked dev, with plain addresses (a non-dev chain refuses //Name accounts)
        String spec = Files.readString(NodeContainer.DIST.resolve("etc/chain-devnet.json"))
                .replace("\"dev\": true", "\"dev\": false")
                .replace("\"hypertensor-devnet\"", "\"hypertensor-test\"");
        for (String uri : DevKeys.WELL_KNOWN) {
            spec = spec.replace("\"" + uri + "\"", "\"" + DevKeys.derive(uri).address() + "\"");
        }
        assertTrue(spec.contains("\"dev\": false"), "the spec template changed: " + spec);
        Files.writeString(home.resolve("etc/chain-test.json"), spec);
        LauncherIT.Result r = LauncherIT.hypertensor(home, "run", "-c", "p2p:id ; node:logs -l WARN");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(
                r.out().contains("p2p identity.dev.uri = //Alice//p2p refused: the chain spec is not a dev chain"),
                r.out());
        assertFalse(r.out().contains("Ledger not started"), "the ledger ran on the test chain: " + r.out());
        assertTrue(Files.exists(home.resolve("data/p2p/identity.key")));
        String id = peerId(r);
        assertFalse(ALICE_P2P.equals(id), id);
    }
}
