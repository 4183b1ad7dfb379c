package org.hypertensor.p2p.internal.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hypertensor.crypto.api.DevKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the host's identity: the key file ({@link IdentityStore}), or, for local devnets, the
 * development key of a URI such as {@code //Alice//p2p} ({@link DevKeys#derive}). Development keys are
 * public knowledge: they are never written to the key file and are refused on a chain that is not dev.
 */
public final class IdentitySelector {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySelector.class);

    /** Whether the node's chain allows development keys, as far as p2p can tell. */
    public enum Chain {
        /** No ledger on this node: p2p runs on its own, a dev URI is taken as configured. */
        NONE,
        DEV,
        NOT_DEV,
        /** A ledger is present but could not be asked (its API is not wired to this bundle). */
        UNKNOWN
    }

    private IdentitySelector() {}

    /**
     * The identity to use.
     *
     * @param devUri the {@code identity.dev.uri} setting; blank = the key file
     * @param chain what the ledger says about the chain
     * @param keyFile the identity file, created on first use
     */
    public static NodeKey select(String devUri, Chain chain, Path keyFile) throws IOException {
        if (devUri == null || devUri.isBlank()) {
            return IdentityStore.loadOrCreate(keyFile);
        }
        String uri = devUri.strip();
        if (chain == Chain.NOT_DEV || chain == Chain.UNKNOWN) {
            LOG.error(
                    "p2p identity.dev.uri = {} refused: {}; using the identity in {}",
                    uri,
                    chain == Chain.NOT_DEV
                            ? "the chain spec is not a dev chain"
                            : "the ledger's chain spec cannot be read",
                    keyFile);
            return IdentityStore.loadOrCreate(keyFile);
        }
        NodeKey key;
        try {
            key = devKey(uri);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; using the identity in {}", e.getMessage(), keyFile);
            return IdentityStore.loadOrCreate(keyFile);
        }
        LOG.warn(
                "p2p identity is the development key {}: for local devnets only (peer id {}, {})",
                uri,
                key.peerId(),
                chain == Chain.DEV ? "the chain spec is dev" : "no ledger on this node");
        return key;
    }

    /**
     * The libp2p identity of a development URI.
     *
     * @throws IllegalArgumentException naming the setting, when {@code uri} is not a development URI
     */
    public static NodeKey devKey(String uri) {
        if (!DevKeys.isDevUri(uri)) {
            throw new IllegalArgumentException("p2p identity.dev.uri = '" + uri
                    + "' is not a development key URI (expected //Name//p2p, e.g. //Alice//p2p)");
        }
        byte[] seed = DevKeys.derive(uri).seed();
        try {
            return NodeKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
