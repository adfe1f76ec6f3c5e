package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.G;
import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * JShell scripts (.jsh): evaluated by jrun's runner of the jdk.jshell API in the script's own JVM,
 * with the //DEPS resolved once into the cache entry, the arguments as {@code String[] args},
 * {@code /exit N} as the status, and a snippet's error as file:line and status 1.
 */
class JshellIT extends ServedRepository {

    String hello() {
        return "///usr/bin/env jrun \"$0\" \"$@\" ; exit $?\n"
                + "//REPOS test=" + server.url() + "\n"
                + "//DEPS " + G + ":greet:1.0\n"
                + "\n"
                + "// the tool's default imports are there: List without an import\n"
                + "List<String> all = List.of(args)\n"
                + "System.out.println(\"args: \" + all)\n"
                + "System.out.println(greet.Greet.hello(args.length > 0 ? args[0] : \"nobody\"));\n"
                + "int twice(int x) {\n"
                + "    return 2 * x;\n"
                + "}\n"
                + "System.out.println(\"twice: \" + twice(args.length));\n"
                + "/exit 3\n"
                + "System.out.println(\"not reached\");\n";
    }

    @Test
    void aJshWithDepsSeesItsArgsAndEndsWithTheStatusOfExit() throws IOException {
        script(dir, "hello.jsh", hello());
        Jrun.Result r = jrun(dir, "hello.jsh", "ann", "b c").run();
        assertEquals(3, r.status(), r.toString());
        assertEquals("args: [ann, b c]\nhello ann with words-1.0\ntwice: 4\n", r.out());
        assertEquals("", r.err());
        assertFalse(r.err().contains("//JAVA 25+"), r.err());

        // cached: no build, no resolution, the same run
        long served = server.count(".jar");
        Jrun.Result cached = jrun(dir, "--verbose", "hello.jsh", "zed").run();
        assertEquals(3, cached.status(), cached.toString());
        assertEquals("args: [zed]\nhello zed with words-1.0\ntwice: 2\n", cached.out());
        assertTrue(cached.err().contains("jrun: cached:"), cached.err());
        assertFalse(cached.err().contains("jrun: building"), cached.err());
        assertEquals(served, server.count(".jar"));
    }

    @Test
    void onJdk25Too() throws IOException {
        try (var jdks = java.nio.file.Files.list(Path.of("/usr/lib/jvm"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(jdks.anyMatch(j -> j.getFileName().toString().contains("-25")
                    && java.nio.file.Files.isExecutable(j.resolve("bin/jshell"))), "needs a JDK 25 in /usr/lib/jvm");
        }
        script(dir, "hello.jsh", hello().replace("//DEPS", "//JAVA 25\n//DEPS"));
        Jrun.Result r = jrun(dir, "hello.jsh", "x").run();
        assertEquals(3, r.status(), r.toString());
        assertEquals("args: [x]\nhello x with words-1.0\ntwice: 2\n", r.out());
    }

    @Test
    void aSnippetThatDoesNotCompileIsReportedAtItsLineWithStatus1() throws IOException {
        script(dir, "bad.jsh", "System.out.println(\"one\");\n\n// then a mistake\nint y = undefinedThing + 1;\n"
                + "System.out.println(\"two\");\n");
        Jrun.Result r = jrun(dir, "bad.jsh").run();
        assertEquals(1, r.status(), r.toString());
        assertEquals("one\n", r.out());
        assertTrue(r.err().contains("bad.jsh:4: error: cannot find symbol"), r.err());
        assertTrue(r.err().endsWith("jrun: error: bad.jsh:4: the snippet does not compile; fix it and run again\n"), r.err());
        assertFalse(r.err().contains("//JAVA 25+"), r.err());
    }

    @Test
    void aSnippetThatThrowsStopsTheRunWithStatus1() throws IOException {
        script(dir, "boom.jsh", "System.out.println(\"before\");\nvoid boom() {\n    throw new IllegalStateException(\"boom\");\n}\n"
                + "boom();\nSystem.out.println(\"after\");\n");
        Jrun.Result r = jrun(dir, "boom.jsh").run();
        assertEquals(1, r.status(), r.toString());
        assertEquals("before\n", r.out());
        assertTrue(r.err().startsWith("jrun: error: boom.jsh:5: the snippet threw java.lang.IllegalStateException: boom\n"),
                r.err());
        assertTrue(r.err().contains("at boom(boom.jsh:3)"), r.err());
    }

    @Test
    void withoutExitTheStatusIs0AndSystemPropertiesReachTheSnippets() throws IOException {
        script(dir, "props.jsh", "System.out.println(System.getProperty(\"who\") + \" \" + args.length)\n");
        Jrun.Result r = jrun(dir, "-Dwho=me", "props.jsh").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("me 0\n", r.out());
    }
}
