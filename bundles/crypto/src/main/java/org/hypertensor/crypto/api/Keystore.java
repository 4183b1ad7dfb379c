package org.hypertensor.crypto.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's encrypted key files (an OSGi service of the crypto bundle). Each key is one file
 * under {@code data/keystore/}, its seed encrypted with a key derived from the password by scrypt
 * and sealed with AES-256-GCM; see {@code docs/keys.md} for the format.
 *
 * <p>Names are 1..64 characters of letters, digits, {@code .}, {@code _} and {@code -}, unique in
 * the store. Bad arguments (unknown or duplicate name, malformed seed) throw
 * {@link IllegalArgumentException}; a wrong password, a damaged file or an I/O failure throws
 * {@link KeystoreException}. Every message is one line. Passwords are {@code char[]} so callers can
 * wipe them; the store never keeps them.
 */
@ProviderType
public interface Keystore {

    /** All keys, sorted by name. */
    List<KeyInfo> list();

    /** Creates a new random key (from a {@link java.security.SecureRandom}) under {@code name}. */
    KeyInfo generate(String name, char[] password);

    /**
     * Stores a known key under {@code name}. {@code seedOrUri} is a 32-byte seed in hex (64 digits,
     * optional {@code 0x}) or a development URI such as {@code //Alice} ({@link DevKeys}).
     *
     * @param allowDevKeys whether development URIs are accepted: pass the chain spec's {@code dev}
     *     flag; {@code false} refuses them with an {@link IllegalArgumentException}
     */
    KeyInfo importSeed(String name, String seedOrUri, char[] password, boolean allowDevKeys);

    /** The key with this name, or whose SS58 address (or public key hex) this is; empty if none. */
    Optional<KeyInfo> inspect(String nameOrAddress);

    /**
     * Decrypts a key, found by name (or address, like {@link #inspect}), whatever the chain. A node
     * signing for a chain uses {@link #unlock(String, char[], boolean)} instead.
     *
     * @throws IllegalArgumentException if there is no key of that name
     * @throws KeystoreException for a wrong password or a damaged file
     */
    Ed25519KeyPair unlock(String name, char[] password);

    /**
     * Decrypts a key for use on a chain; the way a node should unlock the keys it signs with.
     *
     * @param allowDevKeys the chain spec's {@code dev} flag: {@code false} refuses a key stored from a
     *     development URI, and any key equal to one of {@link DevKeys#WELL_KNOWN} however it was stored
     * @throws IllegalArgumentException if there is no key of that name, or it is a development key
     *     and {@code allowDevKeys} is false
     * @throws KeystoreException for a wrong password or a damaged file
     */
    Ed25519KeyPair unlock(String name, char[] password, boolean allowDevKeys);

    /**
     * Decrypts a key and keeps it in this node's memory until {@link #lock} or the node stops, so that commands
     * can sign with it without a password ({@code key:unlock} in the console). The password is not kept.
     *
     * @return the key's information
     * @throws IllegalArgumentException if there is no key of that name
     * @throws KeystoreException for a wrong password or a damaged file
     * @throws UnsupportedOperationException if this keystore cannot keep keys
     */
    default KeyInfo keepUnlocked(String name, char[] password) {
        throw new UnsupportedOperationException("this keystore does not keep keys unlocked");
    }

    /**
     * A key kept by {@link #keepUnlocked}, by its name; empty if it is not kept, or if it is a development key
     * and {@code allowDevKeys} is false (as {@link #unlock(String, char[], boolean)} refuses it).
     */
    default Optional<Ed25519KeyPair> unlocked(String name, boolean allowDevKeys) {
        return Optional.empty();
    }

    /** Forgets a key kept by {@link #keepUnlocked}; whether it was kept. */
    default boolean lock(String name) {
        return false;
    }

    /**
     * Deletes a key's file. Irreversible: the seed is gone unless backed up.
     *
     * @return whether a key of that name existed
     */
    boolean remove(String name);
}
