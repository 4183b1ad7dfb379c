package org.hypertensor.model.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's models under {@code data/models/NAME/}. */
@Component(service = ModelRepository.class, immediate = true)
public final class ModelStore implements ModelRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path root;

    @Activate
    public ModelStore(@Reference NodeInfo node) {
        this(node.dataDir().resolve("models"));
    }

    public ModelStore(Path root) {
        this.root = root;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(ModelGenerator.MANIFEST)))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ModelFormatException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> sizes() {
        return ModelSize.labels();
    }

    @Override
    public Path generate(String name, String size, long seed, LoadProgress progress) {
        if (!NAME.matcher(name).matches()) {
            throw new ModelFormatException("a model name is letters, digits, '.', '_' or '-' (got '" + name + "')");
        }
        ModelSize s = ModelSize.parse(size);
        Path dir = root.resolve(name);
        var manifest = ModelGenerator.generate(dir, name, s, seed, progress);
        LOG.info(
                "Generated model {} ({}, seed {}, {} parameters) in {}",
                name,
                s.label(),
                seed,
                manifest.config().parameters(),
                dir);
        return dir;
    }

    @Override
    public String importCheckpoint(Path dir, String name, LoadProgress progress) {
        var manifest = CheckpointImport.write(dir, name, progress);
        LOG.info(
                "Imported checkpoint {} as model {} ({} parameters, {})",
                dir,
                manifest.shortId(),
                manifest.config().parameters(),
                manifest.dtype());
        return manifest.id();
    }

    @Override
    public Path resolve(String nameOrPath) {
        if (NAME.matcher(nameOrPath).matches() && Files.isDirectory(root.resolve(nameOrPath))) {
            return root.resolve(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return path;
        }
        throw new ModelFormatException("no model '" + nameOrPath + "' (not a name under " + root
                + " nor a directory; create one with model:generate NAME SIZE)");
    }

    @Override
    public ModelManifest manifest(String nameOrPath) {
        return ModelFiles.readManifest(resolve(nameOrPath));
    }

    @Override
    public Model open(String nameOrPath, LoadProgress progress) {
        return ModelFiles.open(resolve(nameOrPath), null, progress);
    }
}
