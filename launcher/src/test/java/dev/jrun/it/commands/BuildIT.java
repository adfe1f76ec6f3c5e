package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun build: compiles into the cache without running; the next run of the script is a cache hit. */
class BuildIT {
    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    static final String HELLO = """
            public class hello {
                public static void main(String[] args) {
                    System.out.println("ran hello");
                }
            }
            class other {
                public static void main(String[] args) {
                    System.out.println("ran other");
                }
            }
            """;

    @Test
    void aBuiltScriptRunsFromTheCache() throws Exception {
        Files.writeString(dir.resolve("hello.java"), HELLO);
        Jrun.Result b = jrun("build", "hello.java").run();
        ok(b);
        assertEquals("", b.out(), "built, not run");
        Jrun.Result r = jrun("--verbose", "hello.java").run();
        assertEquals("ran hello\n", r.out(), r.toString());
        assertTrue(r.err().contains("jrun: cached: "), r.toString());
        assertFalse(r.err().contains("building"), r.toString());
        // built again: still cached, nothing compiled
        Jrun.Result again = jrun("build", "--verbose", "hello.java").run();
        ok(again);
        assertTrue(again.err().contains("jrun: cached: "), again.toString());
    }

    @Test
    void theOptionsThatChangeTheBuildNameTheEntryAsForARun() throws Exception {
        Files.writeString(dir.resolve("hello.java"), HELLO);
        ok(jrun("build", "--main", "other", "--java", "17", "hello.java").run());
        Jrun.Result same = jrun("--verbose", "--main", "other", "--java", "17", "hello.java").run();
        assertEquals("ran other\n", same.out(), same.toString());
        assertTrue(same.err().contains("jrun: cached: "), same.toString());
        Jrun.Result plain = jrun("--verbose", "hello.java").run();
        assertEquals("ran hello\n", plain.out(), plain.toString());
        assertTrue(plain.err().contains("(not cached"), plain.toString());
    }

    @Test
    void aCompileErrorIsReportedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.java"), "public class bad {\n    public static void main(String[] a) {\n"
                + "        int x = ;\n    }\n}\n");
        Jrun.Result r = jrun("build", "bad.java").run();
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.err().contains("bad.java:3"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void mistakesGetOneLine() throws Exception {
        fails(jrun("build", "nothere.java").run(), 3, "no such file");
        fails(jrun("build").run(), 2, "SCRIPT");
        Files.writeString(dir.resolve("hello.java"), HELLO);
        fails(jrun("build", "hello.java", "an-argument").run(), 2, "not its arguments");
        fails(jrun("--fresh", "build", "hello.java").run(), 2, "jrun build [OPTIONS] hello.java");
        fails(jrun("build", "-").stdin(HELLO).run(), 2, "standard input");
        Jrun.Result help = jrun("build", "--help").run();
        ok(help);
        assertTrue(help.out().contains("without running"), help.out());
    }
}
