package dev.jrun.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A script's built jar handed on as a file {@code java -jar} runs: with its dependencies merged into
 * it (fat), or with a manifest Class-Path naming them where they are (local) or in a lib/ directory
 * beside it (portable). Each output is written to a temporary name and renamed, so a failed export
 * leaves no half-written jar.
 */
public final class JarExport {
    /** Signatures of a dependency sign its own jar: in a merged one they would fail verification. */
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|DSA|RSA|EC)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVICE = Pattern.compile("META-INF/services/[^/]+");
    /** A module descriptor means nothing on the class path, and each dependency may have its own. */
    private static final Pattern MODULE_INFO = Pattern.compile("(META-INF/versions/\\d+/)?module-info\\.class");
    /** How many class clashes are named one by one; the rest are counted. */
    private static final int CLASHES_NAMED = 20;

    /**
     * One part of the class path, in order.
     *
     * @param name a name for messages (the script's, or a jar's file name)
     * @param path a jar or a directory of classes
     * @param skip entries whose names start with this are left out ("" for none)
     */
    public record Part(String name, Path path, String skip) {
        public Part(String name, Path path) {
            this(name, path, "");
        }
    }

    private JarExport() {
    }

    /**
     * Writes one jar holding every part: the first part's manifest (Main-Class, //MANIFEST), the
     * services files of all parts merged, no signature files, and of two different classes of one
     * name the first on the class path (as a run loads), each such clash told to {@code warn}.
     */
    public static void fat(List<Part> parts, Path out, Consumer<String> warn) throws IOException {
        Manifest manifest = manifestOf(parts.get(0).path());
        Map<String, Origin> seen = new HashMap<>();
        Map<String, Set<String>> services = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        write(out, manifest, jar -> {
            Set<String> dirs = new HashSet<>();
            for (Part part : parts) {
                forEachEntry(part, (name, in) -> {
                    if (SERVICE.matcher(name).matches()) {
                        services.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(serviceLines(in.readAllBytes()));
                        return;
                    }
                    if (SIGNATURE.matcher(name).matches() || MODULE_INFO.matcher(name).matches()
                            || name.equalsIgnoreCase("META-INF/INDEX.LIST")) {
                        return;
                    }
                    boolean isClass = name.endsWith(".class");
                    byte[] bytes = in.readAllBytes();
                    Origin first = seen.get(name);
                    if (first != null) {
                        if (isClass && !first.sha256().equals(sha256(bytes))) {
                            clashes.add(className(name) + " is in both " + first.part() + " and " + part.name());
                        }
                        return; // the first on the class path wins, as at run time
                    }
                    seen.put(name, new Origin(part.name(), isClass ? sha256(bytes) : ""));
                    put(jar, name, bytes, dirs);
                });
            }
            for (Map.Entry<String, Set<String>> s : services.entrySet()) {
                put(jar, s.getKey(), (String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8), dirs);
            }
        });
        for (int i = 0; i < clashes.size() && i < CLASHES_NAMED; i++) {
            warn.accept("class " + clashes.get(i) + ", and they differ; the jar has the first one's (first on the class path,"
                    + " as in a run)");
        }
        if (clashes.size() > CLASHES_NAMED) {
            warn.accept((clashes.size() - CLASHES_NAMED) + " more classes are in two jars and differ");
        }
    }

    /**
     * Writes the first part as a jar of its own whose manifest's Class-Path names {@code classPath}:
     * file: URLs (local) or paths relative to the jar (portable).
     */
    public static void withClassPath(Part app, List<String> classPath, Path out) throws IOException {
        Manifest manifest = manifestOf(app.path());
        if (!classPath.isEmpty()) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        }
        write(out, manifest, jar -> {
            Set<String> dirs = new HashSet<>();
            forEachEntry(app, (name, in) -> put(jar, name, in.readAllBytes(), dirs));
        });
    }

    /** {@link #withClassPath} with the jars where they are, as absolute file: URLs. */
    public static void local(Part app, List<Path> jars, Path out) throws IOException {
        withClassPath(app, jars.stream().map(j -> j.toAbsolutePath().toUri().toString()).toList(), out);
    }

    /**
     * {@link #withClassPath} with copies of the jars in {@code lib/} beside {@code out}, named by
     * their file names (a second jar of a name already taken gets a number in front).
     *
     * @return the copies
     */
    public static List<Path> portable(Part app, List<Path> jars, Path out) throws IOException {
        Path lib = out.toAbsolutePath().getParent().resolve("lib");
        List<String> classPath = new ArrayList<>();
        List<Path> copies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (!jars.isEmpty()) {
            Files.createDirectories(lib);
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            for (int n = 2; !names.add(name); n++) {
                name = n + "-" + jar.getFileName();
            }
            Path copy = lib.resolve(name);
            Path tmp = Files.createTempFile(lib, ".export-", ".tmp");
            try {
                Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            copies.add(copy);
            classPath.add("lib/" + name.replace("%", "%25").replace(" ", "%20")); // (a Class-Path entry is a URL)
        }
        withClassPath(app, classPath, out);
        return copies;
    }

    private record Origin(String part, String sha256) {
    }

    private interface EntryVisitor {
        void visit(String name, InputStream in) throws IOException;
    }

    private interface JarBody {
        void write(JarOutputStream jar) throws IOException;
    }

    /** The files of a jar (not its manifest, nor its directories) or of a directory of classes, in order. */
    private static void forEachEntry(Part part, EntryVisitor visitor) throws IOException {
        if (Files.isDirectory(part.path())) {
            try (Stream<Path> walk = Files.walk(part.path())) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    String name = part.path().relativize(p).toString();
                    if (part.skip().isEmpty() || !name.startsWith(part.skip())) {
                        try (InputStream in = Files.newInputStream(p)) {
                            visitor.visit(name, in);
                        }
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(part.path().toFile(), false)) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || name.equalsIgnoreCase(JarFile.MANIFEST_NAME)
                        || (!part.skip().isEmpty() && name.startsWith(part.skip()))) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    visitor.visit(name, in);
                }
            }
        }
    }

    private static Manifest manifestOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest m = file.getManifest();
            return m == null ? new Manifest() : new Manifest(m);
        }
    }

    /** Writes a jar to a temporary file beside {@code out}, then renames it to {@code out}. */
    private static void write(Path out, Manifest manifest, JarBody body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".export-", ".jar.tmp");
        try {
            manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                body.write(jar);
            }
            // a jar is a file to read and run, not to write: the user's umask decides, as for any new file
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes, Set<String> dirs) throws IOException {
        int slash = -1;
        while ((slash = name.indexOf('/', slash + 1)) > 0) {
            String dir = name.substring(0, slash + 1);
            if (dirs.add(dir) && !dir.equals("META-INF/")) {
                jar.putNextEntry(new JarEntry(dir));
                jar.closeEntry();
            }
        }
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    /** A services file's provider names: comments and blank lines left out, as ServiceLoader reads it. */
    static List<String> serviceLines(byte[] content) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\r?\n|\r")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                lines.add(name);
            }
        }
        return lines;
    }

    /** com/x/Y.class as com.x.Y; a multi-release jar's META-INF/versions/N/com/x/Y.class as com.x.Y (Java N). */
    static String className(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        String release = "";
        if (name.startsWith("META-INF/versions/")) {
            String rest = name.substring("META-INF/versions/".length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                release = " (Java " + rest.substring(0, slash) + ")";
                name = rest.substring(slash + 1);
            }
        }
        return name.replace('/', '.') + release;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
