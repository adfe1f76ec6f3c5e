package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * JBang's run options --ea/--esa (JVM options the front end adds: a cached run stays one exec),
 * --quiet, --manifest, --cds/--no-cds; an unknown option's did-you-mean; and the line for JBang's
 * options jrun does not have.
 */
class JbangOptionsIT extends ScriptDir {
    static final String ASSERTS = "public class asserts {\n    public static void main(String[] args) throws Exception {\n"
            + "        var in = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();\n"
            + "        System.out.println(\"esa \" + in.contains(\"-esa\"));\n"
            + "        assert args.length > 0 : \"no arguments\";\n"
            + "        System.out.println(\"ok\");\n    }\n}\n";

    @Test
    void eaTurnsAssertionsOnOnABuiltAndOnACachedRun() throws IOException {
        write("asserts.java", ASSERTS);
        Jrun.Result off = jrun("asserts.java").run();
        assertEquals(0, off.status(), off.toString());
        assertEquals("esa false\nok\n", off.out());
        Jrun.Result on = jrun("--ea", "asserts.java").run();
        assertEquals(1, on.status(), on.toString());
        assertTrue(on.err().contains("java.lang.AssertionError: no arguments"), on.err());
        Jrun.Result cached = jrun("--verbose", "--enable-assertions", "--esa", "asserts.java").run();
        assertEquals(1, cached.status(), cached.toString());
        assertEquals("esa true\n", cached.out());
        assertTrue(cached.err().contains("jrun: cached:"), cached.err());
        assertFalse(cached.err().contains("jrun: building"), cached.err());
        assertTrue(cached.err().contains("java.lang.AssertionError: no arguments"), cached.err());
        Jrun.Result esa = jrun("--enable-system-assertions", "asserts.java", "x").run();
        assertEquals("esa true\nok\n", esa.out(), esa.toString());
    }

    @Test
    void quietManifestAndCds() throws IOException {
        write("man.java", "public class man {\n    public static void main(String[] args) throws Exception {\n"
                + "        var jar = java.nio.file.Path.of(man.class.getProtectionDomain().getCodeSource().getLocation().toURI());\n"
                + "        try (var j = new java.util.jar.JarFile(jar.toFile())) {\n"
                + "            System.out.println(j.getManifest().getMainAttributes().getValue(\"Built-For\"));\n"
                + "        }\n    }\n}\n");
        Jrun.Result r = jrun("--manifest", "Built-For=ann", "man.java").run();
        assertEquals("ann\n", r.out(), r.toString());
        Jrun.Result attached = jrun("--manifest=Built-For=bob", "man.java").run();
        assertEquals("bob\n", attached.out(), attached.toString());
        Jrun.Result quiet = jrun("--verbose", "--quiet", "--cds", "man.java").run();
        assertEquals("null\n", quiet.out(), quiet.toString());
        assertEquals("", quiet.err());
        Jrun.Result noCds = jrun("--verbose", "--no-cds", "man.java").run();
        assertEquals("null\n", noCds.out(), noCds.toString());
        assertTrue(noCds.err().contains("aot: off"), noCds.err());
    }

    @Test
    void anUnknownOptionGetsADidYouMeanAndJbangsOthersALineSayingWhatToDo() throws IOException {
        write("hello.java", "class hello { public static void main(String[] a) { System.out.println(\"hi\"); } }\n");
        Jrun.Result typo = jrun("--fersh", "hello.java").run();
        assertEquals(2, typo.status(), typo.toString());
        assertEquals("jrun: error: unknown option: '--fersh'; did you mean --fresh? (see jrun --help)\n", typo.err());
        assertEquals("", typo.out());
        Jrun.Result nat = jrun("--native", "hello.java").run();
        assertEquals(2, nat.status(), nat.toString());
        assertTrue(nat.err().startsWith("jrun: error: --native: a JBang option jrun does not support: "), nat.err());
        assertTrue(nat.err().contains("jrun export fatjar"), nat.err());
        assertEquals(1, nat.err().lines().count(), nat.err());
        for (String o : new String[] {"-i", "--interactive", "-c", "--code", "-n"}) {
            Jrun.Result r = jrun(o, "hello.java").run();
            assertEquals(2, r.status(), r.toString());
            assertTrue(r.err().startsWith("jrun: error: " + o + ": a JBang option jrun does not support"), r.err());
        }
    }

    @Test
    void jbangsCommandsJrunHasNotEachGetALineSayingWhatToDoInstead() throws IOException {
        write("hello.java", "class hello { public static void main(String[] a) { System.out.println(\"hi\"); } }\n");
        Jrun.Result run = jrun("run", "hello.java").run();
        assertEquals(2, run.status(), run.toString());
        assertEquals("jrun: error: run: a JBang command jrun does not have; jrun runs a script by its name, with no run"
                + " command: jrun SCRIPT [ARGS]\n", run.err());
        assertEquals("", run.out());
        Jrun.Result version = jrun("version").run();
        assertEquals(2, version.status(), version.toString());
        assertTrue(version.err().contains("jrun --version"), version.err());
        for (String c : new String[] {"config", "wrapper", "template", "completion"}) {
            Jrun.Result r = jrun(c, "list").run();
            assertEquals(2, r.status(), r.toString());
            assertTrue(r.err().startsWith("jrun: error: " + c + ": a JBang command jrun does not have; "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        // and a script named so, given as a path, still runs
        write("run", "class run { public static void main(String[] a) { System.out.println(\"ran\"); } }\n");
        Jrun.Result file = jrun("./run").run();
        assertEquals("ran\n", file.out(), file.toString());
    }

    @Test
    void kotlinGroovyAndMarkdownFilesAreNamedAsWhatTheyAre() throws IOException {
        String[][] cases = {{"hello.kt", "fun main() { println(\"hi\") }\n", "a Kotlin source file"},
            {"hello.kts", "println(\"hi\")\n", "a Kotlin script"},
            {"hello.groovy", "println 'hi'\n", "a Groovy script"},
            {"README.md", "# hi\n```java\nclass X {}\n```\n", "a Markdown file"}};
        for (String[] c : cases) {
            write(c[0], c[1]);
            Jrun.Result r = jrun(c[0]).run();
            assertEquals(3, r.status(), r.toString());
            assertTrue(r.err().startsWith("jrun: error: " + c[0] + ": " + c[2] + ", which jrun does not "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("//JAVA"), r.err());
        }
    }
}
