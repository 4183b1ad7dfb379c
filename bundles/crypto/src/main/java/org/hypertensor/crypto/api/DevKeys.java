package org.hypertensor.crypto.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Well-known development keys for devnets and tests: {@code //Alice}, {@code //Bob}, … Anyone can
 * derive their private keys, so the node only accepts them on a chain spec marked {@code dev}
 * (callers check that; see {@link Keystore#importSeed}).
 *
 * <p>Derivation: {@code seed = BLAKE2b-256("hypertensor-dev-key:" ‖ UTF-8(uri))}, and the Ed25519
 * key pair of that seed. The URI is used exactly as given (case-sensitive, {@code //Alice} ≠
 * {@code //alice}); junctions may be chained ({@code //Alice//stash}). This is <b>not</b> Substrate's
 * derivation (sr25519 or ed25519 from the dev mnemonic): the keys and addresses differ from
 * Substrate's {@code //Alice}.
 */
public final class DevKeys {

    /** The six well-known development URIs, in this order. */
    public static final List<String> WELL_KNOWN =
            List.of("//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie");

    private static final byte[] DOMAIN = "hypertensor-dev-key:".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern URI = Pattern.compile("(//[A-Za-z0-9._-]+)+");

    private DevKeys() {}

    /** Whether {@code publicKey32} is the key of one of {@link #WELL_KNOWN} (a public, devnet-only key). */
    public static boolean isWellKnown(byte[] publicKey32) {
        return publicKey32 != null
                && WellKnownKeys.KEYS.stream().anyMatch(k -> java.util.Arrays.equals(k, publicKey32));
    }

    /** Derived on first use, so loading the class costs nothing. */
    private static final class WellKnownKeys {
        static final List<byte[]> KEYS =
                WELL_KNOWN.stream().map(uri -> derive(uri).publicKey()).toList();
    }

    /**
     * Whether {@code uri} is a development key URI: one or more {@code //junction}s, each of letters,
     * digits, {@code .}, {@code _} or {@code -} (e.g. {@code //Alice}, {@code //Bob//stash}).
     */
    public static boolean isDevUri(String uri) {
        return uri != null && URI.matcher(uri).matches();
    }

    /**
     * The URI of a well-known development key named without its slashes ({@code Bob} → {@code //Bob}), for
     * the shell, where an unquoted {@code //} starts a comment; empty for any other text.
     */
    public static java.util.Optional<String> wellKnownUri(String name) {
        String uri = name == null ? "" : "//" + name.trim();
        return WELL_KNOWN.contains(uri) ? java.util.Optional.of(uri) : java.util.Optional.empty();
    }

    /**
     * The key pair of a development URI (deterministic, see the class comment).
     *
     * @throws IllegalArgumentException if {@code uri} is not a development URI
     */
    public static Ed25519KeyPair derive(String uri) {
        if (!isDevUri(uri)) {
            throw new IllegalArgumentException(
                    "not a development key URI: '" + uri + "' (expected //Name, e.g. //Alice)");
        }
        byte[] seed = Hashes.blake2b256(DOMAIN, uri.getBytes(StandardCharsets.UTF_8));
        try {
            return Ed25519KeyPair.fromSeed(seed);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }
}
