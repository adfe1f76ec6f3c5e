package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a script sees of jrun's own main class (dev.jrun.boot.ScriptMain), which stands between the
 * JVM and the script's main: nothing, in the main forms it may use, in an uncaught exception's
 * trace and status; and the properties that tell the script where it lives.
 */
class ScriptMainIT {
    @TempDir
    Path dir;

    private Shell.Result run(String shell, String commandLine) {
        return Shell.of(shell, dir).env("JRUN_CACHE_DIR", dir.resolve("cache").toString()).run(commandLine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void anUncaughtExceptionPrintsAsWithoutJrun(String jdk) throws IOException {
        Files.writeString(dir.resolve("boom.java"), """
                class boom {
                    static void fail() {
                        throw new IllegalStateException("boom", new RuntimeException("cause"));
                    }

                    public static void main(String[] args) {
                        fail();
                    }
                }
                """);
        String expected = """
                Exception in thread "main" java.lang.IllegalStateException: boom
                \tat boom.fail(boom.java:3)
                \tat boom.main(boom.java:7)
                Caused by: java.lang.RuntimeException: cause
                \t... 2 more
                """;
        for (int i = 0; i < 2; i++) { // first and cached run
            Shell.Result r = run("dash", "\"$JRUN\" --java " + jdk + " boom.java");
            assertEquals(1, r.status(), r.toString());
            assertEquals(expected, r.err(), r.toString());
        }
    }

    @Test
    void anErrorInAStaticInitializerPrintsAsWithoutJrun() throws IOException {
        Files.writeString(dir.resolve("init.java"), """
                public class init {
                    static final int X = Integer.parseInt("x");

                    public static void main(String[] args) {
                    }
                }
                """);
        Shell.Result r = run("bash", "\"$JRUN\" init.java");
        assertEquals(1, r.status(), r.toString());
        assertEquals("Exception in thread \"main\" java.lang.ExceptionInInitializerError", r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("dev.jrun") || r.err().contains("reflect") || r.err().contains("Class.forName"), r.toString());
    }

    @Test
    void jdk25RunsInstanceAndCompactMains() throws IOException {
        Files.writeString(dir.resolve("inst.java"), """
                class inst {
                    void main(String[] args) {
                        System.out.println("instance main, " + args.length + " arguments");
                    }
                }
                """);
        Files.writeString(dir.resolve("compact.java"), "void main() {\n    IO.println(\"compact, no arguments\");\n}\n");
        Shell.Result inst = run("bash", "\"$JRUN\" --java 25 inst.java a b");
        assertEquals("instance main, 2 arguments\n", inst.out(), inst.toString());
        Shell.Result compact = run("dash", "\"$JRUN\" --java 25 compact.java a b");
        assertEquals("compact, no arguments\n", compact.out(), compact.toString());
        assertEquals(0, compact.status(), compact.toString());
    }

    @Test
    void jdk17RunsOnlyWhatItsLauncherRuns() throws IOException {
        Files.writeString(dir.resolve("inst.java"), "class inst {\n    void main(String[] args) {\n    }\n}\n");
        Shell.Result r = run("dash", "\"$JRUN\" --java 17 inst.java");
        assertEquals(3, r.status(), r.toString());
        assertEquals("jrun: error: inst has no main method JDK 17 can run; write public static void main(String[] args)\n",
                r.err(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void theScriptKnowsWhereItLives(String shell) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real dir"));
        Files.writeString(real.resolve("where.java"), """
                public class where {
                    public static void main(String[] args) {
                        for (String p : new String[] {"jrun.script", "jrun.script.dir", "jbang.source"}) {
                            System.out.println(p + "=" + System.getProperty(p));
                        }
                    }
                }
                """);
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/w.java"), Path.of("../real dir/where.java"));
        Path realDir = real.toRealPath();
        String expected = "jrun.script=" + realDir.resolve("where.java") + "\njrun.script.dir=" + realDir
                + "\njbang.source=" + realDir.resolve("where.java") + "\n";
        // by a relative path through a symbolic link, first and cached; by an absolute path
        for (String cmd : new String[] {"cd links && \"$JRUN\" w.java", "cd links && \"$JRUN\" ./w.java",
            "\"$JRUN\" '" + real.resolve("where.java") + "'"}) {
            Shell.Result r = run(shell, cmd);
            assertEquals(expected, r.out(), cmd + ": " + r);
        }
        // a script on standard input has no place of its own
        Shell.Result stdin = run(shell, "echo 'class s { public static void main(String[] a) {"
                + " System.out.println(System.getProperty(\"jrun.script\")); } }' | \"$JRUN\" -");
        assertEquals("null\n", stdin.out(), stdin.toString());
    }
}
