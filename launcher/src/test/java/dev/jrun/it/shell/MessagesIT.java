package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What jrun says on stderr besides errors: the compiler's warnings, on the build that produced
 * them and never on a cached run; a //DEP that is not //DEPS; "did you mean" for a mistyped command
 * or a script named without .java.
 */
class MessagesIT {
    @TempDir
    Path dir;

    private Shell sh(String shell) {
        return Shell.of(shell, dir).env("JRUN_CACHE_DIR", dir.resolve("cache").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void compilerWarningsShowOnceOnTheBuildThatMadeThem(String shell) throws IOException {
        Files.writeString(dir.resolve("old.java"), """
                //COMPILE_OPTIONS -Xlint:all
                import java.util.*;

                public class old {
                    public static void main(String[] args) {
                        List names = new ArrayList();
                        System.out.println("ran " + names.size());
                    }
                }
                """);
        Shell.Result first = sh(shell).run("\"$JRUN\" old.java");
        assertEquals("ran 0\n", first.out(), first.toString());
        assertTrue(first.err().startsWith("old.java:6: warning: found raw type: java.util.List\n"), first.toString());
        assertTrue(first.err().endsWith("\n2 warnings\n"), first.toString());
        Shell.Result cached = sh(shell).run("\"$JRUN\" old.java");
        assertEquals("ran 0\n", cached.out(), cached.toString());
        assertEquals("", cached.err(), "a cached run compiles nothing and says nothing: " + cached);
        // deprecation without -Xlint: javac's own note
        Files.writeString(dir.resolve("dep.java"), "public class dep { public static void main(String[] a) {"
                + " System.out.println(new Integer(1).hashCode()); } }\n");
        Shell.Result dep = sh(shell).run("\"$JRUN\" --java 25 dep.java");
        assertEquals("1\n", dep.out(), dep.toString());
        assertTrue(dep.err().startsWith("Note: dep.java uses or overrides a deprecated API.\n"), dep.toString());
        assertEquals("", sh(shell).run("\"$JRUN\" --java 25 dep.java").err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void aDirectiveWithATypoIsNamed(String shell) throws IOException {
        Files.writeString(dir.resolve("typo.java"), """
                //DEP info.picocli:picocli:4.7.7
                //TODO: nothing to say about this one
                public class typo {
                    public static void main(String[] args) {
                        System.out.println("ran");
                    }
                }
                """);
        Shell.Result r = sh(shell).run("\"$JRUN\" typo.java");
        assertEquals("ran\n", r.out(), r.toString());
        assertEquals("jrun: warning: typo.java:1: //DEP is not a directive, so this line is a comment; did you mean //DEPS?\n",
                r.err(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void didYouMean(String shell) throws IOException {
        Shell.Result inti = sh(shell).run("\"$JRUN\" inti x.java");
        assertEquals(2, inti.status(), inti.toString());
        assertEquals("jrun: error: inti: neither a file nor a jrun command; did you mean jrun init? (jrun --help lists the"
                + " commands)\n", inti.err());
        Files.writeString(dir.resolve("hello.java"), "public class hello { public static void main(String[] a) {} }\n");
        Shell.Result hello = sh(shell).run("\"$JRUN\" hello");
        assertEquals(3, hello.status(), hello.toString());
        assertEquals("jrun: error: hello: no such file; did you mean jrun hello.java?\n", hello.err());
        Shell.Result none = sh(shell).run("\"$JRUN\" zzz");
        assertEquals("jrun: error: zzz: no such file; check the path\n", none.err());
    }
}
