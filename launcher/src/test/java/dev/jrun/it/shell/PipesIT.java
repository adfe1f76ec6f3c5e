package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A script in a pipeline ends as a Unix tool does when its reader leaves: status 141, at once, no
 * stack trace; unless it checks System.out.checkError() itself. Real pipes, made by dash and bash
 * under env -i, on JDK 17 and 25, first and cached runs.
 */
class PipesIT {
    static final String GEN = """
            public class gen {
                public static void main(String[] args) {
                    for (long i = 0; ; i++) {
                        System.out.println("line " + i);
                    }
                }
            }
            """;
    static final String ERRGEN = """
            public class errgen {
                public static void main(String[] args) {
                    while (true) {
                        System.err.println("complaint");
                    }
                }
            }
            """;
    static final String UPPER = """
            import java.io.*;

            class upper {
                public static void main(String[] args) throws IOException {
                    var in = new BufferedReader(new InputStreamReader(System.in));
                    for (String l; (l = in.readLine()) != null; ) {
                        System.out.println(l.toUpperCase());
                    }
                }
            }
            """;
    static final String CAREFUL = """
            public class careful {
                public static void main(String[] args) {
                    long n = 0;
                    while (!System.out.checkError()) {
                        System.out.println("line " + n++);
                    }
                    System.err.println("stopped after an error, " + (n > 0 ? "having written" : "before writing"));
                    System.exit(7);
                }
            }
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void scripts() throws IOException {
        Files.writeString(dir.resolve("gen.java"), GEN);
        Files.writeString(dir.resolve("errgen.java"), ERRGEN);
        Files.writeString(dir.resolve("upper.java"), UPPER);
        Files.writeString(dir.resolve("careful.java"), CAREFUL);
    }

    /** The shell's command line; "$JRUN" is the installed jrun; the status of the script goes to the file status. */
    private static Shell.Result run(String shell, String cache, String commandLine) {
        return Shell.of(shell, dir).env("JRUN_CACHE_DIR", dir.resolve(cache).toString()).run("rm -f status; " + commandLine);
    }

    private static int status() throws IOException {
        return Integer.parseInt(Files.readString(dir.resolve("status")).strip());
    }

    @ParameterizedTest(name = "{0}, JDK {1}")
    @CsvSource({"dash, 17", "bash, 25", "bash, 17", "dash, 25"})
    void aWriterWhoseReaderLeftEndsWith141(String shell, int jdk) throws IOException {
        String cache = "cache-" + shell + "-" + jdk; // a first run, then cached ones
        String gen = "{ \"$JRUN\" --java " + jdk + " gen.java; echo $? >status; }";
        Shell.Result first = run(shell, cache, gen + " | head -n 1");
        assertEquals("line 0\n", first.out(), first.toString());
        assertEquals(141, status(), first.toString());
        assertEquals("", first.err(), "no stack trace, nothing at all: " + first);

        Shell.Result cached = run(shell, cache, gen + " | head -n 1");
        assertEquals("line 0\n", cached.out(), cached.toString());
        assertEquals(141, status(), cached.toString());
        assertEquals("", cached.err(), cached.toString());

        Shell.Result none = run(shell, cache, gen + " | true");
        assertEquals("", none.out(), none.toString());
        assertEquals(141, status(), none.toString());
        assertEquals("", none.err(), none.toString());
    }

    @Test
    void aReaderThatClosesAfterFiveLinesGetsFive() throws IOException {
        Shell.Result r = run("dash", "cache", "{ \"$JRUN\" gen.java; echo $? >status; } | head -n 5");
        assertEquals("line 0\nline 1\nline 2\nline 3\nline 4\n", r.out(), r.toString());
        assertEquals(141, status(), r.toString());
    }

    @Test
    void aFilterInTheMiddleOfAPipelineEndsWithIt() throws IOException {
        Shell.Result r = run("bash", "cache", "yes | { \"$JRUN\" upper.java; echo $? >status; } | head -n 3");
        assertEquals("Y\nY\nY\n", r.out(), r.toString());
        assertEquals(141, status(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void systemErrToo() throws IOException {
        Shell.Result r = run("dash", "cache", "{ \"$JRUN\" errgen.java 2>&1 >/dev/null; echo $? >status; } | head -n 1");
        assertEquals("complaint\n", r.out(), r.toString());
        assertEquals(141, status(), r.toString());
    }

    @Test
    void aScriptThatChecksForErrorsKeepsControl() throws IOException {
        for (String shell : new String[] {"dash", "bash"}) {
            Shell.Result r = run(shell, "cache", "{ \"$JRUN\" careful.java; echo $? >status; } | head -n 2");
            assertEquals("line 0\nline 1\n", r.out(), r.toString());
            assertEquals(7, status(), "its own exit status: " + r);
            assertEquals("stopped after an error, having written\n", r.err(), r.toString());
        }
    }

    @Test
    void aScriptWritingToAReaderThatStaysIsUntouched() throws IOException {
        Files.writeString(dir.resolve("count.java"), """
                public class count {
                    public static void main(String[] args) {
                        for (int i = 0; i < 20000; i++) {
                            System.out.println(i);
                        }
                        System.out.print("end");
                    }
                }
                """);
        Shell.Result r = run("bash", "cache", "{ \"$JRUN\" count.java; echo $? >status; } | tail -c 10");
        assertEquals(0, status(), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
        assertTrue(r.out().endsWith("19999\nend"), r.toString());
    }
}
