package dev.jrun.compile;

import dev.jrun.Version;
import dev.jrun.plan.Plan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs compiled classes and //FILES resources into the entry's jar (class-data sharing needs jars). */
public final class JarWriter {
    private JarWriter() {
    }

    /**
     * @param boot class files to add first, by their names in the jar: jrun's own classes that start
     *             the script (see dev.jrun.boot)
     */
    public static void write(Path jar, Path classes, List<Plan.Resource> resources, String main,
            Map<String, String> extraManifest, Map<String, byte[]> boot) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attrs = manifest.getMainAttributes();
        attrs.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attrs.put(Attributes.Name.MAIN_CLASS, main);
        attrs.putValue("Created-By", "jrun " + Version.get());
        extraManifest.forEach(attrs::putValue);
        Set<String> written = new HashSet<>();
        try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(jar), 1 << 16);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            written.add("META-INF/");
            written.add("META-INF/MANIFEST.MF");
            for (Map.Entry<String, byte[]> b : boot.entrySet()) {
                addParents(out, b.getKey(), written);
                if (written.add(b.getKey())) {
                    out.putNextEntry(new JarEntry(b.getKey()));
                    out.write(b.getValue());
                    out.closeEntry();
                }
            }
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    if (p.equals(classes)) {
                        continue;
                    }
                    String name = classes.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "");
                    add(out, name, Files.isDirectory(p) ? null : p, written);
                }
            }
            for (Plan.Resource r : resources) {
                addParents(out, r.target(), written);
                if (written.add(r.target())) {
                    // the bytes the planner read and hashed, not the file as it is by now
                    out.putNextEntry(new JarEntry(r.target()));
                    out.write(r.content());
                    out.closeEntry();
                }
            }
        }
    }

    private static void addParents(JarOutputStream out, String name, Set<String> written) throws IOException {
        String[] parts = name.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            dir.append(parts[i]).append('/');
            add(out, dir.toString(), null, written);
        }
    }

    private static void add(JarOutputStream out, String name, Path file, Set<String> written) throws IOException {
        if (!written.add(name)) {
            return;
        }
        out.putNextEntry(new JarEntry(name));
        if (file != null) {
            Files.copy(file, out);
        }
        out.closeEntry();
    }
}
