package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.deps.Artifacts;
import dev.jrun.it.deps.MavenRepo;
import dev.jrun.it.deps.RepoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jrun export fatjar|local|portable: the jar java -jar runs, from a script whose dependencies come from
 * a repository on loopback: an interface, two providers of it (each with a services file, one "signed"
 * with fake signature files) and two jars with different classes of one name.
 */
class JarExportIT {
    @TempDir
    static Path repoDir;
    static RepoServer server;

    @TempDir
    Path dir;

    static final String API = "package api; public interface Greeter { String hi(); }";

    @BeforeAll
    static void serve() throws IOException {
        MavenRepo repo = new MavenRepo(repoDir);
        Path api = repo.library("com.example", "api", "1.0", Map.of("api.Greeter", API), List.of(), List.of());
        repo.pom("com.example", "en", "1.0", "jar", List.of("com.example:api:1.0"), List.of());
        repo.jar("com.example", "en", "1.0", "", Map.of("en.En", "package en; public class En implements api.Greeter {"
                + " public String hi() { return \"hello\"; } }"),
                Map.of("META-INF/services/api.Greeter", "en.En\n", "META-INF/EN.SF", "Signature-Version: 1.0\n",
                        "META-INF/EN.RSA", "not really a signature", "META-INF/EN.EC", "nor this"),
                List.of(api));
        repo.pom("com.example", "fr", "1.0", "jar", List.of("com.example:api:1.0"), List.of());
        repo.jar("com.example", "fr", "1.0", "", Map.of("fr.Fr", "package fr; public class Fr implements api.Greeter {"
                + " public String hi() { return \"bonjour\"; } }"),
                Map.of("META-INF/services/api.Greeter", "# the French one\nfr.Fr\nen.En\n"), List.of(api));
        for (String side : new String[] {"a", "b"}) {
            repo.library("com.example", "clash-" + side, "1.0", Map.of("dup.Dup", "package dup; public class Dup {"
                    + " public static String v() { return \"" + side + "\"; } }"), List.of(), List.of());
        }
        server = new RepoServer(repoDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    Jrun jrun(String... args) {
        return Artifacts.jrun(dir, args);
    }

    /** The script: greets with every Greeter the ServiceLoader finds, says whose dup.Dup it has, and reads a //FILES resource. */
    Path script() throws IOException {
        Files.writeString(dir.resolve("msg.txt"), "from a resource");
        return Artifacts.script(dir, "greet.java", "//REPOS test=" + server.url() + "\n"
                + "//DEPS com.example:en:1.0 com.example:fr:1.0 com.example:clash-a:1.0 com.example:clash-b:1.0\n"
                + "//FILES msg.txt\n"
                + "//MANIFEST X-Made-By=jrun-it\n"
                + "import java.util.*;\n"
                + "public class greet {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + "        List<String> hi = new ArrayList<>();\n"
                + "        for (api.Greeter g : ServiceLoader.load(api.Greeter.class)) hi.add(g.hi());\n"
                + "        Collections.sort(hi);\n"
                + "        String msg = new String(greet.class.getResourceAsStream(\"/msg.txt\").readAllBytes());\n"
                + "        System.out.println(hi + \" \" + dup.Dup.v() + \" \" + msg + \" \" + String.join(\",\", args));\n"
                + "    }\n"
                + "}\n");
    }

    static final String EXPECTED = "[bonjour, hello] a from a resource x,y\n";

    /** java -jar JAR x y in DIR, on a JVM with nothing of jrun's, from another directory. */
    static Jrun.Result javaJar(Path in, Path jar) throws Exception {
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "x", "y").directory(in.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Jrun.Result(p.waitFor(), out, err);
    }

    @Test
    void aFatJarHasEverythingMergedAndRunsWithPlainJavaJar() throws Exception {
        script();
        Jrun.Result r = jrun("export", "fatjar", "greet.java").run();
        ok(r);
        Path jar = dir.resolve("greet.jar");
        assertTrue(r.out().contains("java -jar greet.jar"), r.toString());
        // the clash: one warning line naming both jars; the first on the class path wins
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("jrun: warning: ")).toList();
        assertEquals(1, warnings.size(), r.toString());
        assertTrue(warnings.get(0).contains("dup.Dup") && warnings.get(0).contains("clash-a-1.0.jar")
                && warnings.get(0).contains("clash-b-1.0.jar"), r.toString());

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(jar, elsewhere.resolve("greet.jar"));
        jar = elsewhere.resolve("greet.jar");
        Jrun.Result run = javaJar(elsewhere, jar);
        assertEquals(0, run.status(), run.toString());
        assertEquals(EXPECTED, run.out(), run.toString());

        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals("greet", f.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("jrun-it", f.getManifest().getMainAttributes().getValue("X-Made-By"));
            // services merged: each provider once, in class-path order, comments left out
            String services = new String(f.getInputStream(f.getEntry("META-INF/services/api.Greeter")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals("en.En\nfr.Fr\n", services);
            assertNull(f.getEntry("META-INF/EN.SF"));
            assertNull(f.getEntry("META-INF/EN.RSA"));
            assertNull(f.getEntry("META-INF/EN.EC"));
            assertNotNull(f.getEntry("api/Greeter.class"));
            assertNotNull(f.getEntry("msg.txt"));
            assertTrue(f.stream().noneMatch(e -> e.getName().startsWith("dev/jrun/")), "nothing of jrun's in the jar");
            assertEquals(1, Collections.list(f.entries()).stream().filter(e -> e.getName().equals("dup/Dup.class")).count());
        }

        // an existing file is kept unless --force; -O names another
        fails(jrun("export", "fatjar", "-O", "elsewhere/greet.jar", "greet.java").run(), 2, "--force");
        ok(jrun("export", "fatjar", "--force", "-O", "elsewhere/greet.jar", "greet.java").run());
        ok(jrun("export", "fatjar", "-O", "out/tool.jar", "greet.java").run());
        assertEquals(EXPECTED, javaJar(dir, dir.resolve("out/tool.jar")).out());
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(dir.resolve("out/tool.jar")), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aLocalJarNamesItsDependenciesInTheLocalRepository() throws Exception {
        script();
        Jrun.Result r = jrun("export", "local", "-O", "dist/greet.jar", "greet.java").run();
        ok(r);
        Path jar = dir.resolve("dist/greet.jar");
        try (JarFile f = new JarFile(jar.toFile())) {
            String cp = f.getManifest().getMainAttributes().getValue("Class-Path");
            assertTrue(cp.contains(dir.resolve("m2").toUri().toString() + "com/example/en/1.0/en-1.0.jar"), cp);
            assertNull(f.getEntry("api/Greeter.class"), "the dependencies stay where they are");
            assertNotNull(f.getEntry("greet.class"));
        }
        Jrun.Result run = javaJar(dir.resolve("dist"), jar);
        assertEquals(EXPECTED, run.out(), run.toString());
        assertFalse(Files.exists(dir.resolve("dist/lib")));
    }

    @Test
    void aPortableJarTakesItsLibDirectoryAlong() throws Exception {
        script();
        ok(jrun("export", "portable", "-O", "dist/greet.jar", "greet.java").run());
        assertTrue(Files.isRegularFile(dir.resolve("dist/lib/en-1.0.jar")));
        try (JarFile f = new JarFile(dir.resolve("dist/greet.jar").toFile())) {
            String cp = f.getManifest().getMainAttributes().getValue("Class-Path");
            assertTrue(List.of(cp.split(" ")).containsAll(List.of("lib/api-1.0.jar", "lib/en-1.0.jar", "lib/fr-1.0.jar")), cp);
        }
        // moved to another place, with the local repository gone: it still runs
        Path moved = dir.resolve("moved");
        Files.move(dir.resolve("dist"), moved);
        deleteTree(dir.resolve("m2"));
        Jrun.Result run = javaJar(dir, moved.resolve("greet.jar"));
        assertEquals(EXPECTED, run.out(), run.toString());
    }

    @Test
    void exportsSayWhatIsWrongInOneLine() throws Exception {
        fails(jrun("export", "fatjar", "nothere.java").run(), 3, "no such file");
        fails(jrun("export", "gradle", "greet.java", "proj").run(), 2, "jrun export maven");
        fails(jrun("export").run(), 2, "fatjar");
        Artifacts.script(dir, "bad.java", "public class bad { public static void main(String[] a) { int x = ; } }\n");
        Jrun.Result r = jrun("export", "fatjar", "bad.java").run();
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.err().contains("bad.java:1"), r.toString());
        assertFalse(Files.exists(dir.resolve("bad.jar")));
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
