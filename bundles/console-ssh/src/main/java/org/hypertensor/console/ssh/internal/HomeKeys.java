package org.hypertensor.console.ssh.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The keys an SSH console keeps in the node's home: the server's host key and the home owner's client key
 * (whose public half is authorized, so whoever can read the home can attach and nobody else). ECDSA P-256:
 * the JDK has it, so neither side needs another security provider, and OpenSSH reads both files.
 */
final class HomeKeys {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HomeKeys() {}

    /** Loads the host key, generating it at first start; its file is readable by the owner only. */
    static SimpleGeneratorHostKeyProvider hostKey(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        List<KeyPair> keys = provider.loadKeys(null);
        if (keys.isEmpty()) {
            throw new IOException("no host key in " + file);
        }
        ownerOnly(file);
        return provider;
    }

    /** {@code SHA256:…}, as {@code ssh-keygen -lf} and OpenSSH's first-connection question show it. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /**
     * Creates the client key when the home has none and appends its public key to {@code authorized}.
     * Returns whether it created one.
     */
    static boolean ensureClientKey(Path key, Path authorized, String comment) throws IOException {
        if (Files.exists(key)) {
            return false;
        }
        Files.createDirectories(key.toAbsolutePath().getParent());
        KeyPair pair = generate();
        try (OutputStream out = Files.newOutputStream(
                createOwnerOnly(key), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the client key: " + e.getMessage(), e);
        }
        Files.writeString(key.resolveSibling(key.getFileName() + ".pub"), publicLine(pair.getPublic(), comment));
        if (!Files.exists(authorized)) {
            createOwnerOnly(authorized);
        }
        Files.writeString(
                authorized, publicLine(pair.getPublic(), comment), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return true;
    }

    static String publicLine(PublicKey key, String comment) {
        return PublicKeyEntry.toString(key) + " " + comment + "\n";
    }

    private static KeyPair generate() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC key: " + e.getMessage(), e);
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            ownerOnly(file);
            return file;
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to narrow
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
