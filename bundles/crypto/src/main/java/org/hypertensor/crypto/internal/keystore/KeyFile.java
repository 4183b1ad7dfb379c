package org.hypertensor.crypto.internal.keystore;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.KeystoreException;
import org.hypertensor.crypto.api.KeystoreException.Reason;
import org.hypertensor.crypto.api.Ss58;

/**
 * One key file, format 1: a flat JSON object with the public facts (name, public key, address,
 * dev flag, creation time), the scrypt parameters and salt, and the seed sealed with AES-256-GCM.
 * Every public member is bound into the cipher's associated data, so editing one (say, clearing
 * {@code dev}) makes the file fail to open instead of lying.
 */
final class KeyFile {

    static final String FORMAT = "hypertensor-keystore";
    static final int VERSION = 1;
    private static final String KDF = "scrypt";
    private static final String CIPHER = "aes-256-gcm";
    private static final int SALT_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final KeyInfo info;
    private final ScryptParams scrypt;
    private final byte[] salt;
    private final byte[] nonce;
    private final byte[] ciphertext;

    private KeyFile(KeyInfo info, ScryptParams scrypt, byte[] salt, byte[] nonce, byte[] ciphertext) {
        this.info = info;
        this.scrypt = scrypt;
        this.salt = salt;
        this.nonce = nonce;
        this.ciphertext = ciphertext;
    }

    /** Encrypts {@code pair}'s seed under {@code password}, with a fresh random salt and nonce. */
    static KeyFile seal(
            String name,
            Ed25519KeyPair pair,
            boolean dev,
            Instant created,
            char[] password,
            ScryptParams scrypt,
            SecureRandom random) {
        KeyInfo info = new KeyInfo(name, Hex.encode(pair.publicKey()), pair.address(), created, dev);
        byte[] salt = new byte[SALT_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] seed = pair.seed();
        try {
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, info, scrypt, salt, nonce, password, seed);
            return new KeyFile(info, scrypt, salt, nonce, sealed);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Decrypts the seed.
     *
     * @throws KeystoreException {@code WRONG_PASSWORD} if the password (or the sealed header) does not
     *     match, {@code CORRUPTED} if the decrypted seed is not the file's public key's
     */
    Ed25519KeyPair open(char[] password) {
        byte[] seed;
        try {
            seed = crypt(Cipher.DECRYPT_MODE, info, scrypt, salt, nonce, password, ciphertext);
        } catch (AEADBadTagException e) {
            throw new KeystoreException(
                    Reason.WRONG_PASSWORD, "wrong password for key '" + info.name() + "' (or its file was altered)");
        }
        try {
            if (seed.length != 32) {
                throw corrupted(info.name(), "the sealed seed is " + seed.length + " bytes");
            }
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
            if (!pair.address().equals(info.address())) {
                throw corrupted(info.name(), "the sealed seed does not match the public key");
            }
            return pair;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    KeyInfo info() {
        return info;
    }

    ScryptParams scrypt() {
        return scrypt;
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("name", info.name());
        m.put("address", info.address());
        m.put("publicKey", info.publicKeyHex());
        m.put("dev", info.dev());
        m.put("created", info.created().toString());
        m.put("kdf", KDF);
        m.put("n", scrypt.n());
        m.put("r", scrypt.r());
        m.put("p", scrypt.p());
        m.put("salt", Hex.encode(salt));
        m.put("cipher", CIPHER);
        m.put("nonce", Hex.encode(nonce));
        m.put("ciphertext", Hex.encode(ciphertext));
        return FlatJson.write(m);
    }

    /**
     * Reads a key file's text.
     *
     * @param source the file, for messages
     * @throws KeystoreException {@code CORRUPTED} naming the first problem
     */
    static KeyFile parse(String json, String source) {
        try {
            Map<String, Object> m = FlatJson.read(json);
            if (!FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException("not a " + FORMAT + " file");
            }
            long version = number(m, "version");
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "unsupported version " + version + " (this node reads " + VERSION + ")");
            }
            requireEquals(m, "kdf", KDF);
            requireEquals(m, "cipher", CIPHER);
            String publicKeyHex = text(m, "publicKey");
            String address = text(m, "address");
            if (!Ss58.encode(Hex.decode(publicKeyHex)).equals(address)) {
                throw new IllegalArgumentException("address does not match the public key");
            }
            KeyInfo info = new KeyInfo(
                    FileKeystore.checkName(text(m, "name")),
                    publicKeyHex,
                    address,
                    Instant.parse(text(m, "created")),
                    bool(m, "dev"));
            ScryptParams scrypt = ScryptParams.ofN(number(m, "n"), number(m, "r"), number(m, "p"));
            byte[] salt = bytes(m, "salt", SALT_LENGTH);
            byte[] nonce = bytes(m, "nonce", NONCE_LENGTH);
            byte[] ciphertext = bytes(m, "ciphertext", 32 + TAG_BITS / 8);
            return new KeyFile(info, scrypt, salt, nonce, ciphertext);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new KeystoreException(Reason.CORRUPTED, "damaged key file " + source + ": " + e.getMessage());
        }
    }

    /** The header the cipher authenticates: every public member, in a fixed order. */
    private static byte[] associatedData(KeyInfo info, ScryptParams scrypt, byte[] salt) {
        String header = String.join(
                "|",
                FORMAT,
                Integer.toString(VERSION),
                info.name(),
                info.publicKeyHex(),
                info.address(),
                Boolean.toString(info.dev()),
                info.created().toString(),
                KDF,
                Integer.toString(scrypt.n()),
                Integer.toString(scrypt.r()),
                Integer.toString(scrypt.p()),
                Hex.encode(salt),
                CIPHER);
        return header.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] crypt(
            int mode, KeyInfo info, ScryptParams scrypt, byte[] salt, byte[] nonce, char[] password, byte[] input)
            throws AEADBadTagException {
        byte[] passwordBytes = utf8(password);
        byte[] key = scrypt.deriveKey(passwordBytes, salt);
        Arrays.fill(passwordBytes, (byte) 0);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(info, scrypt, salt));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JVM: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static KeystoreException corrupted(String name, String why) {
        return new KeystoreException(Reason.CORRUPTED, "damaged key file for '" + name + "': " + why);
    }

    private static String text(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("member \"" + key + "\" missing or not a string");
        }
        return s;
    }

    private static long number(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Long n)) {
            throw new IllegalArgumentException("member \"" + key + "\" missing or not an integer");
        }
        return n;
    }

    private static boolean bool(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("member \"" + key + "\" missing or not a boolean");
        }
        return b;
    }

    private static void requireEquals(Map<String, Object> m, String key, String expected) {
        String actual = text(m, key);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(
                    "unsupported " + key + " \"" + actual + "\" (expected " + expected + ")");
        }
    }

    private static byte[] bytes(Map<String, Object> m, String key, int length) {
        byte[] b = Hex.decode(text(m, key));
        if (b.length != length) {
            throw new IllegalArgumentException("member \"" + key + "\" is " + b.length + " bytes, expected " + length);
        }
        return b;
    }
}
