package org.hypertensor.crypto.internal.shell;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.KeystoreException;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code key:generate}, {@code key:list}, {@code key:import}, {@code key:inspect}, {@code key:remove}, {@code
 * key:unlock}, {@code key:lock}.
 */
@Component(
        service = KeyCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=key", "osgi.command.function=generate", "osgi.command.function=list",
            "osgi.command.function=import", "osgi.command.function=inspect", "osgi.command.function=remove",
            "osgi.command.function=unlock", "osgi.command.function=lock"
        })
public final class KeyCommands {

    private static final String PASSWORD_FILE_HELP =
            "file holding the password (first line); else " + "HYPERTENSOR_KEYSTORE_PASSWORD, else a prompt";

    private final Keystore keystore;

    @Activate
    public KeyCommands(@Reference Keystore keystore) {
        this.keystore = keystore;
    }

    @Descriptor("create a new random Ed25519 key and store it encrypted")
    public Table generate(
            CommandSession session,
            @Descriptor(PASSWORD_FILE_HELP) @Parameter(names = "--password-file", absentValue = "") String passwordFile,
            @Descriptor("name of the new key") String name) {
        checkNewName(name);
        char[] password = PasswordSource.obtain(session, passwordFile, name, true);
        try {
            return describe(call(() -> keystore.generate(name, password)));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Descriptor("the stored keys")
    public Table list() {
        Table table = Table.of("NAME", "ADDRESS", "DEV", "CREATED");
        for (KeyInfo key : call(keystore::list)) {
            table.row(key.name(), key.address(), key.dev() ? "yes" : "no", key.created());
        }
        return table;
    }

    @Descriptor("store a known key: a 32-byte seed as hex, or a development URI (//Alice, with --dev)")
    public Table _import(
            CommandSession session,
            @Descriptor(PASSWORD_FILE_HELP) @Parameter(names = "--password-file", absentValue = "") String passwordFile,
            @Descriptor("accept a development URI such as //Alice (only for a chain marked dev)")
                    @Parameter(names = "--dev", presentValue = "true", absentValue = "false")
                    boolean dev,
            @Descriptor("name of the key") String name,
            @Descriptor("64 hex digits, or //Name") String seedOrUri) {
        checkNewName(name);
        String given = seedOrUri.strip();
        if (DevKeys.isDevUri(given) && !dev) {
            throw new CommandError("development key " + given
                    + " refused: anyone can derive it; add --dev if this node runs a dev chain");
        }
        if (!DevKeys.isDevUri(given) && !given.matches("(0[xX])?[0-9a-fA-F]{64}")) {
            // checked before asking for a password; the text is not echoed (it may be a mistyped secret)
            throw new CommandError("the seed must be 32 bytes as 64 hex digits (optional 0x), or a quoted "
                    + "development URI like '//Alice'; got " + given.length() + " characters");
        }
        char[] password = PasswordSource.obtain(session, passwordFile, name, true);
        try {
            return describe(call(() -> keystore.importSeed(name, seedOrUri, password, dev)));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** What Gogo leaves of {@code key:import NAME //Alice}: it reads an unquoted {@code //} as a comment. */
    public Table _import(
            CommandSession session,
            @Parameter(names = "--password-file", absentValue = "") String passwordFile,
            @Parameter(names = "--dev", presentValue = "true", absentValue = "false") boolean dev,
            String name) {
        throw new CommandError("key:import needs NAME and SEED|URI; quote development URIs ('//Alice'): "
                + "the shell reads an unquoted // as a comment");
    }

    /** What Gogo leaves of {@code key:inspect //Bob}. */
    public Table inspect() {
        throw new CommandError("key:inspect needs NAME|ADDRESS|URI; quote development URIs ('//Bob'): "
                + "the shell reads an unquoted // as a comment");
    }

    @Descriptor("address, public key and peer id of a stored key, an SS58 address, a public key (hex) or a //Name")
    public Table inspect(@Descriptor("key name, SS58 address, 64-hex public key or development URI") String what) {
        String text = what.strip();
        Optional<KeyInfo> stored = call(() -> keystore.inspect(text));
        if (stored.isPresent()) {
            return describe(stored.get());
        }
        if (DevKeys.isDevUri(text)) {
            Table table = facts(DevKeys.derive(text).publicKey(), Ss58.DEFAULT_PREFIX);
            return table.row("development key", text + " (public: devnet only)").row("stored", "no");
        }
        if (text.matches("(0[xX])?[0-9a-fA-F]{64}")) {
            byte[] key = Hex.decode(text);
            Table table = facts(key, Ss58.DEFAULT_PREFIX);
            if (!Ed25519.isValidPublicKey(key)) {
                table.row("note", "not a valid Ed25519 public key (inspect reads 64 hex digits as a public key)");
            }
            return table.row("stored", "no");
        }
        int prefix;
        byte[] key;
        try {
            prefix = Ss58.prefixOf(text);
            key = Ss58.decode(prefix, text);
        } catch (IllegalArgumentException e) {
            if (text.length() < 40) {
                throw new CommandError("no key named '" + text + "', and not an address, public key or //Name");
            }
            throw new CommandError(e.getMessage());
        }
        Table table = facts(key, prefix);
        if (prefix != Ss58.DEFAULT_PREFIX) {
            table.row("note", "prefix " + prefix + " is not this chain's (" + Ss58.DEFAULT_PREFIX + ")");
        }
        return table.row("stored", "no");
    }

    @Descriptor("keep a stored key unlocked in this node's memory (asks for its password), so ledger:, stake: and"
            + " subnet: commands sign with it; until key:lock or the node stops")
    public Table unlock(
            CommandSession session,
            @Descriptor(PASSWORD_FILE_HELP) @Parameter(names = "--password-file", absentValue = "") String passwordFile,
            @Descriptor("key name") String name) {
        KeyInfo key = call(() -> keystore.inspect(name))
                .filter(k -> k.name().equals(name))
                .orElseThrow(() -> new CommandError("no key named '" + name + "' in the keystore"));
        char[] password = PasswordSource.obtain(session, passwordFile, name, false);
        try {
            call(() -> keystore.keepUnlocked(key.name(), password));
        } finally {
            Arrays.fill(password, '\0');
        }
        return Table.properties()
                .row("name", key.name())
                .row("address", key.address())
                .row("unlocked", "until key:lock " + key.name() + " or the node stops");
    }

    @Descriptor("forget a key kept unlocked by key:unlock")
    public String lock(@Descriptor("key name") String name) {
        return keystore.lock(name) ? "key " + name + " locked" : "key " + name + " was not unlocked";
    }

    @Descriptor("delete a stored key's file (irreversible without a backup)")
    public String remove(
            @Descriptor("confirm the deletion")
                    @Parameter(names = "--yes", presentValue = "true", absentValue = "false")
                    boolean yes,
            @Descriptor("key name") String name) {
        KeyInfo key = call(() -> keystore.inspect(name))
                .filter(k -> k.name().equals(name))
                .orElseThrow(() -> new CommandError("no key named '" + name + "' in the keystore"));
        if (!yes) {
            throw new CommandError(
                    "key:remove deletes " + key.name() + " (" + key.address() + ") for good; repeat with --yes");
        }
        call(() -> keystore.remove(name));
        return "key " + name + " (" + key.address() + ") removed";
    }

    private static Table describe(KeyInfo key) {
        Table table = Table.properties().row("name", key.name());
        Table facts = facts(key.publicKey(), Ss58.DEFAULT_PREFIX);
        facts.rows().forEach(r -> table.row(r.get(0), r.get(1)));
        return table.row("development key", key.dev() ? "yes (devnet only)" : "no")
                .row("created", key.created())
                .row("stored", "yes");
    }

    private static Table facts(byte[] publicKey, int prefix) {
        return Table.properties()
                .row("address", Ss58.encode(prefix, publicKey))
                .row("public key", "0x" + Hex.encode(publicKey))
                .row("peer id", PeerIds.ed25519(publicKey));
    }

    /** Before asking for a password: a valid name that is not taken yet. */
    private void checkNewName(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new CommandError("bad key name '" + name + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
        call(() -> keystore.inspect(name)).filter(k -> k.name().equals(name)).ifPresent(k -> {
            throw new CommandError("a key named '" + name + "' already exists (" + k.address() + ")");
        });
    }

    /** Keystore failures are the operator's to fix: one line each. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException | KeystoreException e) {
            throw new CommandError(e.getMessage());
        }
    }
}
