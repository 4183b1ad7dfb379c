import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Copies a bundle to a baseline jar that keeps only what API baselining reads: the manifest and the classes of
 * the exported packages (so that baseline/ does not carry embedded libraries). Entry times are fixed, so the
 * same bundle always gives the same bytes. Usage: java .ci/ApiJar.java BUNDLE.jar OUT.jar
 */
public final class ApiJar {

    public static void main(String[] args) throws IOException {
        try (JarFile in = new JarFile(args[0])) {
            Manifest manifest = in.getManifest();
            Set<String> exported = exportedPackages(manifest.getMainAttributes().getValue("Export-Package"));
            try (OutputStream file = Files.newOutputStream(Path.of(args[1]));
                    JarOutputStream out = new JarOutputStream(file)) {
                // the manifest first, with the same fixed time as every entry (JarOutputStream's own would date it)
                JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
                manifestEntry.setLastModifiedTime(FileTime.fromMillis(0));
                out.putNextEntry(manifestEntry);
                manifest.write(out);
                out.closeEntry();
                for (JarEntry entry : in.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                    String name = entry.getName();
                    int slash = name.lastIndexOf('/');
                    if (entry.isDirectory() || slash < 0 || !name.endsWith(".class")
                            || !exported.contains(name.substring(0, slash).replace('/', '.'))) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(name);
                    copy.setLastModifiedTime(FileTime.fromMillis(0));
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    /** The package names of an Export-Package header (clauses split at commas outside quotes). */
    static Set<String> exportedPackages(String header) {
        Set<String> out = new HashSet<>();
        if (header == null) {
            return out;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String clause = header.substring(start, i);
                out.add(clause.split(";")[0].trim());
                start = i + 1;
            }
        }
        return out;
    }
}
