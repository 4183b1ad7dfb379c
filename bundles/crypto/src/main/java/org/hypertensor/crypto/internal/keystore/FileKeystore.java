package org.hypertensor.crypto.internal.keystore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.KeystoreException;
import org.hypertensor.crypto.api.KeystoreException.Reason;
import org.hypertensor.util.files.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keystore over one directory: a file {@code <address>.json} per key, written atomically
 * (temporary file, fsync, rename, fsync of the directory) and readable by its owner only where the
 * file system has POSIX permissions. The directory is the truth: nothing is cached, so files
 * copied in or removed by hand are seen at once. Operations are serialised on this object.
 */
public final class FileKeystore implements Keystore {

    private static final Logger LOG = LoggerFactory.getLogger(FileKeystore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String SUFFIX = ".json";
    private static final Pattern SEED_HEX = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

    private final Path directory;
    private final ScryptParams scrypt;
    private final SecureRandom random;
    private final Clock clock;
    private final Set<String> warned = new HashSet<>();
    /** Keys kept unlocked by name (key:unlock), in memory only; guarded by this. */
    private final Map<String, Kept> kept = new TreeMap<>();

    public FileKeystore(Path directory, int scryptLog2n, int scryptR, int scryptP) {
        this(directory, new ScryptParams(scryptLog2n, scryptR, scryptP), new SecureRandom(), Clock.systemUTC());
    }

    FileKeystore(Path directory, ScryptParams scrypt, SecureRandom random, Clock clock) {
        this.directory = directory;
        this.scrypt = scrypt;
        this.random = random;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized List<KeyInfo> list() {
        List<KeyInfo> keys = new ArrayList<>();
        for (Stored stored : readAll()) {
            keys.add(stored.file.info());
        }
        keys.sort(Comparator.comparing(KeyInfo::name));
        return keys;
    }

    @Override
    public synchronized KeyInfo generate(String name, char[] password) {
        return store(name, Ed25519KeyPair.generate(random), false, password);
    }

    @Override
    public synchronized KeyInfo importSeed(String name, String seedOrUri, char[] password, boolean allowDevKeys) {
        if (seedOrUri == null || seedOrUri.isBlank()) {
            throw new IllegalArgumentException(
                    "no seed given: expected 64 hex digits or a development URI like //Alice");
        }
        String given = seedOrUri.strip();
        if (DevKeys.isDevUri(given)) {
            if (!allowDevKeys) {
                throw new IllegalArgumentException(
                        "development key " + given + " refused: anyone can derive it, and the chain is not marked dev");
            }
            return store(name, DevKeys.derive(given), true, password);
        }
        if (given.startsWith("/")) {
            throw new IllegalArgumentException(
                    "'" + given + "' is not a development URI (expected //Name, e.g. //Alice)");
        }
        if (!SEED_HEX.matcher(given).matches()) {
            // never echo the text back: it may be a mistyped secret
            throw new IllegalArgumentException("the seed must be 32 bytes as 64 hex digits (optional 0x), or a "
                    + "development URI like //Alice; got " + given.length() + " characters");
        }
        byte[] seed = Hex.decode(given);
        try {
            return store(name, Ed25519KeyPair.fromSeed(seed), false, password);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public synchronized Optional<KeyInfo> inspect(String nameOrAddress) {
        return find(nameOrAddress).map(s -> s.file.info());
    }

    @Override
    public synchronized Ed25519KeyPair unlock(String name, char[] password) {
        Stored stored = find(name).orElseThrow(() -> unknown(name));
        return stored.file.open(password);
    }

    @Override
    public synchronized Ed25519KeyPair unlock(String name, char[] password, boolean allowDevKeys) {
        Stored stored = find(name).orElseThrow(() -> unknown(name));
        KeyInfo info = stored.file.info();
        if (!allowDevKeys && (info.dev() || DevKeys.isWellKnown(info.publicKey()))) {
            throw new IllegalArgumentException("key '" + info.name() + "' is a development key (" + info.address()
                    + "): refused, the chain is not marked dev");
        }
        return stored.file.open(password);
    }

    @Override
    public synchronized KeyInfo keepUnlocked(String name, char[] password) {
        Stored stored = find(name).orElseThrow(() -> unknown(name));
        KeyInfo info = stored.file.info();
        Ed25519KeyPair pair = stored.file.open(password);
        kept.put(info.name(), new Kept(pair, info.dev() || DevKeys.isWellKnown(info.publicKey())));
        LOG.info("Key {} ({}) kept unlocked until key:lock or the node stops", info.name(), info.address());
        return info;
    }

    @Override
    public synchronized Optional<Ed25519KeyPair> unlocked(String name, boolean allowDevKeys) {
        Kept k = kept.get(name);
        return k == null || (k.devKey && !allowDevKeys) ? Optional.empty() : Optional.of(k.pair);
    }

    @Override
    public synchronized boolean lock(String name) {
        return kept.remove(name) != null;
    }

    @Override
    public synchronized boolean remove(String name) {
        Optional<Stored> stored = find(name);
        if (stored.isEmpty()) {
            return false;
        }
        kept.remove(stored.get().file.info().name());
        try {
            Files.delete(stored.get().path);
            DurableFiles.syncFolder(directory);
        } catch (IOException e) {
            throw io("cannot delete " + stored.get().path, e);
        }
        LOG.info(
                "Key {} ({}) removed",
                stored.get().file.info().name(),
                stored.get().file.info().address());
        return true;
    }

    /** The name rule; returns {@code name}. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "bad key name '" + name + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private KeyInfo store(String name, Ed25519KeyPair pair, boolean dev, char[] password) {
        checkName(name);
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an empty password is not allowed");
        }
        for (Stored stored : readAll()) {
            KeyInfo existing = stored.file.info();
            if (existing.name().equals(name)) {
                throw new IllegalArgumentException(
                        "a key named '" + name + "' already exists (" + existing.address() + ")");
            }
            if (existing.address().equals(pair.address())) {
                throw new IllegalArgumentException("this key is already stored as '" + existing.name() + "'");
            }
        }
        KeyFile file = KeyFile.seal(
                name, pair, dev, clock.instant().truncatedTo(ChronoUnit.SECONDS), password, scrypt, random);
        Path target = directory.resolve(pair.address() + SUFFIX);
        writeAtomically(target, file.toJson().getBytes(StandardCharsets.UTF_8));
        LOG.info("Key {} ({}) stored{}", name, pair.address(), dev ? " (development key)" : "");
        return file.info();
    }

    /** Durably, through a temporary {@code .tmp-} file that {@link #readAll} skips if a crash leaves it behind. */
    void writeAtomically(Path target, byte[] content) {
        try {
            createDirectory();
            DurableFiles.replace(target, content, true, Files.createTempFile(directory, ".tmp-", SUFFIX));
        } catch (IOException e) {
            throw io("cannot write " + target, e);
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            DurableFiles.restrictToOwner(directory);
        }
    }

    private record Stored(Path path, KeyFile file) {}

    /** A key kept unlocked, and whether it is a development key (decided once, when it is kept). */
    private record Kept(Ed25519KeyPair pair, boolean devKey) {}

    /** Every readable key file; damaged ones are logged (once per call) and skipped. */
    private List<Stored> readAll() {
        List<Stored> stored = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return stored;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path path : files) {
                if (String.valueOf(path.getFileName()).startsWith(".") || !Files.isRegularFile(path)) {
                    continue; // temporary files of an interrupted write, or not a file at all
                }
                try {
                    stored.add(new Stored(path, read(path)));
                } catch (KeystoreException e) {
                    warnOnce(path, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw io("cannot list " + directory, e);
        }
        stored.sort(Comparator.comparing(s -> s.path.getFileName().toString()));
        return stored;
    }

    /** One WARN per damaged file version, not one per command that lists the store. */
    private void warnOnce(Path path, String message) {
        String version;
        try {
            version = path + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            version = path.toString();
        }
        if (warned.add(version)) {
            LOG.warn("Skipping key file: {}", message);
        }
    }

    private static KeyFile read(Path path) {
        try {
            return KeyFile.parse(Files.readString(path, StandardCharsets.UTF_8), String.valueOf(path.getFileName()));
        } catch (NoSuchFileException e) {
            throw new KeystoreException(Reason.IO, "key file " + path + " disappeared");
        } catch (IOException e) {
            // includes MalformedInputException: not UTF-8 text
            throw new KeystoreException(Reason.CORRUPTED, "damaged key file " + path.getFileName() + ": " + e);
        }
    }

    /** By name, then by address, then by public key hex. */
    private Optional<Stored> find(String nameOrAddress) {
        if (nameOrAddress == null || nameOrAddress.isBlank()) {
            return Optional.empty();
        }
        String key = nameOrAddress.strip();
        List<Stored> all = readAll();
        for (Stored s : all) {
            if (s.file.info().name().equals(key)) {
                return Optional.of(s);
            }
        }
        String hex = key.startsWith("0x") ? key.substring(2) : key;
        for (Stored s : all) {
            KeyInfo info = s.file.info();
            if (info.address().equals(key) || info.publicKeyHex().equalsIgnoreCase(hex)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("no key named '" + name + "' in the keystore");
    }

    private static KeystoreException io(String what, IOException e) {
        String why = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return new KeystoreException(Reason.IO, what + ": " + why, e);
    }

    /** For the shell: whether {@code text} would be accepted as a key name. */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }
}
