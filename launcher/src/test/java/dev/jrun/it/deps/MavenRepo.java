package dev.jrun.it.deps;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A Maven repository in a directory, in the standard layout, with artifacts the tests compile
 * themselves: jars (javax.tools), POMs with dependencies and dependency management, version
 * metadata for ranges, and .sha1/.md5 checksum files, as a real repository has them.
 */
public final class MavenRepo {
    final Path root;

    public MavenRepo(Path root) {
        this.root = root;
    }

    /** A dependency in a POM: group:artifact:version. */
    static String dep(String gav) {
        String[] p = gav.split(":");
        return "<dependency><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId><version>" + p[2]
                + "</version></dependency>";
    }

    public Path dir(String g, String a, String v) {
        return root.resolve(g.replace('.', '/')).resolve(a).resolve(v);
    }

    /** Writes g:a:v's POM (packaging jar unless given), with these dependencies and managed ones. */
    public void pom(String g, String a, String v, String packaging, List<String> deps, List<String> managed) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>" + g + "</groupId>\n  <artifactId>" + a
                + "</artifactId>\n  <version>" + v + "</version>\n  <packaging>" + packaging + "</packaging>\n");
        if (!managed.isEmpty()) {
            s.append("  <dependencyManagement><dependencies>\n");
            managed.forEach(m -> s.append("    ").append(dep(m)).append('\n'));
            s.append("  </dependencies></dependencyManagement>\n");
        }
        if (!deps.isEmpty()) {
            s.append("  <dependencies>\n");
            deps.forEach(d -> s.append("    ").append(dep(d)).append('\n'));
            s.append("  </dependencies>\n");
        }
        s.append("</project>\n");
        write(dir(g, a, v).resolve(a + "-" + v + ".pom"), s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Compiles {@code sources} (class name to source) against {@code classpath} and writes the jar
     * g:a:v[:classifier]; {@code resources} (path to text) go in as they are.
     */
    public Path jar(String g, String a, String v, String classifier, Map<String, String> sources, Map<String, String> resources,
            List<Path> classpath) {
        Path file = dir(g, a, v).resolve(a + "-" + v + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar");
        write(file, jarBytes(sources, resources, classpath));
        return file;
    }

    /** A plain library: POM with these dependencies, and a jar. */
    public Path library(String g, String a, String v, Map<String, String> sources, List<String> deps, List<Path> classpath) {
        pom(g, a, v, "jar", deps, List.of());
        return jar(g, a, v, "", sources, Map.of(), classpath);
    }

    /** maven-metadata.xml listing the versions of g:a, for version ranges. */
    public void metadata(String g, String a, String... versions) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>" + g
                + "</groupId>\n  <artifactId>" + a + "</artifactId>\n  <versioning>\n    <latest>"
                + versions[versions.length - 1] + "</latest>\n    <release>" + versions[versions.length - 1]
                + "</release>\n    <versions>\n");
        for (String v : versions) {
            s.append("      <version>").append(v).append("</version>\n");
        }
        s.append("    </versions>\n    <lastUpdated>20240101000000</lastUpdated>\n  </versioning>\n</metadata>\n");
        write(root.resolve(g.replace('.', '/')).resolve(a).resolve("maven-metadata.xml"),
                s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code file} and its .sha1 and .md5, as a repository has them. */
    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), hash("SHA-1", bytes));
            Files.writeString(file.resolveSibling(file.getFileName() + ".md5"), hash("MD5", bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) {
        try {
            return hash("SHA-256", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jarBytes(Map<String, String> sources, Map<String, String> resources, List<Path> classpath) {
        try {
            Path out = Files.createTempDirectory("jrun-it-classes");
            try {
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                List<JavaFileObject> units = new ArrayList<>();
                sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
                List<String> opts = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString()));
                if (!classpath.isEmpty()) {
                    StringBuilder cp = new StringBuilder();
                    classpath.forEach(p -> cp.append(cp.length() == 0 ? "" : ":").append(p));
                    opts.addAll(List.of("-cp", cp.toString()));
                }
                StringWriter diag = new StringWriter();
                if (!javac.getTask(diag, null, null, opts, null, units).call()) {
                    throw new IllegalStateException("test artifact does not compile: " + diag);
                }
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(out)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        jar.putNextEntry(new JarEntry(out.relativize(f).toString()));
                        jar.write(Files.readAllBytes(f));
                        jar.closeEntry();
                    }
                    for (Map.Entry<String, String> r : resources.entrySet()) {
                        jar.putNextEntry(new JarEntry(r.getKey()));
                        jar.write(r.getValue().getBytes(StandardCharsets.UTF_8));
                        jar.closeEntry();
                    }
                }
                return bytes.toByteArray();
            } finally {
                try (Stream<Path> files = Files.walk(out)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests that need to damage a file as served. */
    static void overwrite(Path file, String text) {
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
