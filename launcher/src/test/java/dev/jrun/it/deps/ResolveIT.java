package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** //DEPS resolved from a repository served on loopback: what a script gets, and when jrun fetches it. */
class ResolveIT extends ServedRepository {
    String repos() {
        return "//REPOS test=" + server.url() + "\n";
    }

    Path jar(String a, String v) {
        return dir.resolve("m2/com/example").resolve(a).resolve(v).resolve(a + "-" + v + ".jar");
    }

    @Test
    void transitiveDependenciesAreOnTheClassPathAndACachedRunFetchesNothing() throws IOException {
        script(dir, "hi.java", repos() + "//DEPS com.example:greet:1.0\n"
                + "public class hi { public static void main(String[] a) { System.out.println(greet.Greet.hello(a[0])); } }\n");
        Jrun.Result r = jrun(dir, "hi.java", "bob").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("hello bob with words-1.0\n", r.out());
        assertEquals("", r.err(), "no SLF4J warnings, no progress when stderr is not a terminal");
        assertTrue(Files.isRegularFile(jar("words", "1.0")), "the transitive jar is in JRUN_REPO");

        int before = server.requests().size();
        Jrun.Result cached = jrun(dir, "hi.java", "ann").run();
        assertEquals("hello ann with words-1.0\n", cached.out(), cached.toString());
        assertEquals(before, server.requests().size(), "a cached run asks no repository: " + server.requests());
    }

    @Test
    void aVanishedJarChangesNothingUntilTheNextBuildFetchesItAgain() throws IOException {
        script(dir, "hi.java", repos() + "//DEPS com.example:greet:1.0\n"
                + "public class hi { public static void main(String[] a) { System.out.println(greet.Greet.hello(\"x\")); } }\n");
        assertEquals(0, jrun(dir, "hi.java").run().status());
        long fetched = server.count("/words-1.0.jar");
        Files.delete(jar("words", "1.0"));
        // the build runs its verified copy: the local repository is not needed on a cached run
        Jrun.Result cached = jrun(dir, "hi.java").run();
        assertEquals("hello x with words-1.0\n", cached.out(), cached.toString());
        assertEquals(fetched, server.count("/words-1.0.jar"));
        Jrun.Result r = jrun(dir, "--fresh", "hi.java").run();
        assertEquals("hello x with words-1.0\n", r.out(), r.toString());
        assertEquals(fetched + 1, server.count("/words-1.0.jar"));
        assertTrue(Files.isRegularFile(jar("words", "1.0")));
    }

    @Test
    void aBomFillsInVersionsAndManagesTransitiveOnes() throws IOException {
        script(dir, "bom.java", repos() + "//DEPS com.example:example-bom:1.0@pom\n//DEPS com.example:greet\n"
                + "public class bom { public static void main(String[] a) { System.out.println(greet.Greet.hello(\"b\")); } }\n");
        Jrun.Result r = jrun(dir, "bom.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("hello b with words-1.1\n", r.out(), "greet's words:1.0 is managed to the BOM's 1.1");
    }

    @Test
    void aClassifierFromOsDetectedAndARangeAndSeveralPerLine() throws IOException {
        script(dir, "plat.java", repos() + "//DEPS com.example:nat:1.0:${os.detected.classifier} com.example:words:1.1+\n"
                + "public class plat { public static void main(String[] a) {"
                + " System.out.println(nat.Native.platform() + \" \" + words.Words.word()); } }\n");
        Jrun.Result r = jrun(dir, "plat.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals(Artifacts.classifier() + " words-2.0\n", r.out(), "1.1+ takes the newest");
    }

    @Test
    void anEnvironmentVariableInDepsIsWatched() throws IOException {
        script(dir, "env.java", repos() + "//DEPS com.example:words:${env.WORDS_VERSION:1.0}\n"
                + "public class env { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
        assertEquals("words-1.0\n", jrun(dir, "env.java").env("WORDS_VERSION", null).run().out());
        Jrun.Result r = jrun(dir, "env.java").env("WORDS_VERSION", "2.0").run();
        assertEquals("words-2.0\n", r.out(), "a changed variable rebuilds the entry: " + r);
        assertEquals("words-1.0\n", jrun(dir, "env.java").env("WORDS_VERSION", null).run().out());
    }

    static final String PROC = "//DEPS com.example:gen:1.0\n@gen.Hello\npublic class proc {"
            + " public static void main(String[] a) { System.out.println(Generated_proc.greeting()); } }\n";

    @Test
    void anAnnotationProcessorFromDepsRunsOnJdk17() throws IOException {
        script(dir, "proc.java", repos() + PROC);
        Jrun.Result r = jrun(dir, "proc.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("generated for proc\n", r.out());
    }

    @Test
    void anAnnotationProcessorFromDepsRunsOnJdk25() throws IOException {
        script(dir, "proc.java", repos() + "//JAVA 25+\n" + PROC);
        Jrun.Result r = jrun(dir, "proc.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("generated for proc\n", r.out());
    }

    @Test
    void progressShowsOnlyWhenAsked() throws IOException {
        script(dir, "hi.java", repos() + "//DEPS com.example:words:1.0\n"
                + "public class hi { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
        Jrun.Result r = jrun(dir, "hi.java").env("JRUN_PROGRESS", "1").run();
        assertEquals(0, r.status(), r.toString());
        // one line redrawn in place (carriage returns), the file under way named in it, and one line that stays
        assertTrue(r.err().contains("\r\033[Kjrun: fetching dependencies: "), r.err());
        assertTrue(r.err().contains("; got words-1.0.jar"), r.err());
        // String.lines() would split at the carriage returns too: lines end at \n only
        List<String> kept = java.util.Arrays.stream(r.err().split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1).replace("\033[K", ""))
                .filter(l -> !l.isEmpty()).toList();
        assertEquals(1, kept.size(), r.err());
        assertTrue(kept.get(0).matches("jrun: fetched [0-9]+ files of dependencies \\([0-9]+ (B|kB)\\) from [^ ]+"
                + " into the local Maven repository"), kept.get(0));
        Jrun.Result off = jrun(dir, "hi.java").env("JRUN_PROGRESS", "0").run();
        assertEquals("", off.err(), off.toString());
    }

    @Test
    void parallelRunsShareOneLocalRepository() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path d = Files.createDirectory(dir.resolve("p" + i));
            script(d, "par.java", repos() + "//DEPS com.example:greet:1.0 com.example:nat:1.0:${os.detected.classifier}\n"
                    + "public class par { public static void main(String[] a) { System.out.println(greet.Greet.hello(\"p\")); } }\n");
            dirs.add(d);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Jrun.Result>> runs = new ArrayList<>();
            for (Path d : dirs) {
                runs.add(pool.submit(() -> jrun(d, "par.java").env("JRUN_REPO", dir.resolve("m2").toString()).run()));
            }
            for (Future<Jrun.Result> f : runs) {
                Jrun.Result r = f.get();
                assertEquals(0, r.status(), r.toString());
                assertEquals("hello p with words-1.0\n", r.out());
            }
        } finally {
            pool.shutdownNow();
        }
        Path words = jar("words", "1.0");
        assertEquals(MavenRepo.sha256(repoDir.resolve("com/example/words/1.0/words-1.0.jar")), MavenRepo.sha256(words));
        try (var files = Files.list(words.getParent())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains(".tmp")), "no partial downloads left");
        }
    }

    @Test
    void aScriptWithoutDepsLoadsNoResolverClass() throws IOException {
        script(dir, "plain.java", "public class plain { public static void main(String[] a) { System.out.println(1); } }\n");
        Path log = dir.resolve("classes.log");
        Jrun.Result r = jrun(dir, "plain.java").env("JRUN_BUILDER_OPTS", "-Xlog:class+load=info:file=" + log).run();
        assertEquals(0, r.status(), r.toString());
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("dev.jrun.build.Builder"), "the log is the builder's");
        assertFalse(loaded.contains("org.eclipse.aether"), "no resolver class for a script without //DEPS");
        assertFalse(loaded.contains("dev.jrun.deps"), "no dev.jrun.deps class for a script without //DEPS");
    }
}
