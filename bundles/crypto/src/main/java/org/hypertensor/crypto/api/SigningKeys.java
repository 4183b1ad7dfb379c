package org.hypertensor.crypto.api;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place a signing key named by an operator is resolved: a development URI ({@code //Alice}, or a
 * well-known one without its slashes, {@code Alice}) on a dev chain only, otherwise a keystore key unlocked with the password the caller supplies (asked for only
 * when a keystore key is named; wiped after use).
 */
public final class SigningKeys {

    private SigningKeys() {}

    /**
     * @param keystore the keystore, or {@code null} when none runs
     * @param password where the keystore password comes from (environment, file, prompt)
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Ed25519KeyPair resolve(
            String nameOrUri, boolean devChain, Keystore keystore, Supplier<Optional<char[]>> password) {
        if (DevKeys.isDevUri(nameOrUri)) {
            if (!devChain) {
                throw new IllegalArgumentException(
                        "development key " + nameOrUri + " is refused: this chain is not marked dev");
            }
            return DevKeys.derive(nameOrUri);
        }
        boolean inKeystore = keystore != null
                && keystore.list().stream().anyMatch(k -> k.name().equals(nameOrUri));
        // `Bob` for //Bob on a dev chain, unless the keystore has a key of that name
        Optional<String> devName = devChain && !inKeystore ? DevKeys.wellKnownUri(nameOrUri) : Optional.empty();
        if (devName.isPresent()) {
            return DevKeys.derive(devName.get());
        }
        if (keystore == null) {
            throw new IllegalArgumentException("no keystore is running to sign as '" + nameOrUri + "'");
        }
        // Say a missing key as such before asking for a password (a missing key is not a missing password).
        if (!inKeystore) {
            throw new IllegalArgumentException("no key named '" + nameOrUri + "' in the keystore (key:list shows "
                    + "the names; a development key is written //Name)");
        }
        Optional<Ed25519KeyPair> kept = keystore.unlocked(nameOrUri, devChain);
        if (kept.isPresent()) {
            return kept.get();
        }
        char[] pw;
        try {
            pw = password.get()
                    .orElseThrow(() -> new IllegalArgumentException("no keystore password for '" + nameOrUri
                            + "' (unlock it in the console with key:unlock " + nameOrUri + ", or set "
                            + Passwords.ENVIRONMENT_VARIABLE + " or a password file)"));
        } catch (KeystoreException e) {
            // a password file that is missing, unreadable or not text: one line, no stack trace
            throw new IllegalArgumentException(
                    "cannot read the keystore password for '" + nameOrUri + "': " + e.getMessage());
        }
        try {
            return keystore.unlock(nameOrUri, pw, devChain);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot unlock '" + nameOrUri + "': " + e.getMessage());
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
