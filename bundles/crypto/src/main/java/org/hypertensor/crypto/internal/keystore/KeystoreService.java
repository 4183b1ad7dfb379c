package org.hypertensor.crypto.internal.keystore;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.KeyInfo;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.node.core.api.NodeInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Keystore} service: a {@link FileKeystore} under the node's data directory, reconfigurable live. */
@Component(service = Keystore.class, immediate = true, configurationPid = "org.hypertensor.crypto.keystore")
@Designate(ocd = KeystoreConfig.class)
public final class KeystoreService implements Keystore {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoreService.class);

    private final NodeInfo node;
    private volatile FileKeystore store;

    @Activate
    public KeystoreService(@Reference NodeInfo node, KeystoreConfig config) {
        this.node = node;
        apply(config);
    }

    @Modified
    void apply(KeystoreConfig config) {
        Path directory = node.dataDir().resolve(config.directory()).normalize();
        store = new FileKeystore(directory, config.scrypt_log2n(), config.scrypt_r(), config.scrypt_p());
        LOG.info(
                "Keystore at {} (scrypt N=2^{}, r={}, p={})",
                directory,
                config.scrypt_log2n(),
                config.scrypt_r(),
                config.scrypt_p());
    }

    @Override
    public List<KeyInfo> list() {
        return store.list();
    }

    @Override
    public KeyInfo generate(String name, char[] password) {
        return store.generate(name, password);
    }

    @Override
    public KeyInfo importSeed(String name, String seedOrUri, char[] password, boolean allowDevKeys) {
        return store.importSeed(name, seedOrUri, password, allowDevKeys);
    }

    @Override
    public Optional<KeyInfo> inspect(String nameOrAddress) {
        return store.inspect(nameOrAddress);
    }

    @Override
    public Ed25519KeyPair unlock(String name, char[] password) {
        return store.unlock(name, password);
    }

    @Override
    public Ed25519KeyPair unlock(String name, char[] password, boolean allowDevKeys) {
        return store.unlock(name, password, allowDevKeys);
    }

    @Override
    public KeyInfo keepUnlocked(String name, char[] password) {
        return store.keepUnlocked(name, password);
    }

    @Override
    public Optional<Ed25519KeyPair> unlocked(String name, boolean allowDevKeys) {
        return store.unlocked(name, allowDevKeys);
    }

    @Override
    public boolean lock(String name) {
        return store.lock(name);
    }

    @Override
    public boolean remove(String name) {
        return store.remove(name);
    }
}
