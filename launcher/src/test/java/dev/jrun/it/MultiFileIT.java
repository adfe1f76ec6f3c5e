package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Programs in several files (JEP 458): a class the script uses and does not define comes from a
 * source file under its source root, on every JDK, and every file javac read is an input of the
 * entry. Each case runs beside JDK 25's own {@code java} on the same files.
 */
class MultiFileIT extends ScriptDir {
    Path java25;

    @BeforeEach
    void needJdk25() throws IOException {
        Path home = CoreIT.otherJdk(25);
        Assumptions.assumeTrue(home != null, "needs a JDK 25 in /usr/lib/jvm");
        java25 = home.resolve("bin/java");
    }

    /** {@code java FILE ARGS} of JDK 25, in {@code in}. */
    Jrun.Result java(Path in, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java25.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Jrun.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static final String PROG = "public class Prog {\n    public static void main(String[] args) {\n"
            + "        System.out.println(new Greeter().greet(args[0]));\n    }\n}\n";
    static final String GREETER = "class Greeter {\n    String greet(String n) { return \"hello \" + n + Util.bang(); }\n}\n";
    static final String UTIL = "class Util {\n    static String bang() { return \"!\"; }\n}\n";

    @Test
    void aClassFromAFileBesideTheScriptIsCompiledWithItOnJdk17AndOn25AsJavaDoes() throws Exception {
        write("Prog.java", PROG);
        write("Greeter.java", GREETER);
        write("Util.java", UTIL);
        Jrun.Result java = java(dir, "Prog.java", "bob");
        assertEquals("hello bob!\n", java.out(), java.toString());
        Jrun.Result on17 = jrun("Prog.java", "bob").run();
        assertEquals(java.out(), on17.out(), on17.toString());
        assertEquals("", on17.err());
        Jrun.Result on25 = jrun("--java", "25", "Prog.java", "bob").run();
        assertEquals(java.out(), on25.out(), on25.toString());
        // the files javac read are inputs of the entry: a cached run checks them, builds nothing
        Jrun.Result cached = jrun("--verbose", "Prog.java", "ann").run();
        assertEquals("hello ann!\n", cached.out());
        assertTrue(cached.err().contains("jrun: cached:"), cached.err());
    }

    @Test
    void aProgramInAPackageFindsItsClassesBelowTheRootItsPackageImplies() throws Exception {
        write("src/com/example/app/Main.java", "package com.example.app;\n\nimport com.example.lib.Words;\n\n"
                + "public class Main {\n    public static void main(String[] args) {\n"
                + "        System.out.println(Words.hello() + \" and \" + new Helper() + \" from \" + Main.class.getName());\n"
                + "    }\n}\n");
        write("src/com/example/app/Helper.java", "package com.example.app;\n\nclass Helper {\n"
                + "    public String toString() { return \"a helper\"; }\n}\n");
        write("src/com/example/lib/Words.java", "package com.example.lib;\n\npublic class Words {\n"
                + "    public static String hello() { return \"words\"; }\n}\n");
        Jrun.Result java = java(dir.resolve("src"), "com/example/app/Main.java");
        assertEquals("words and a helper from com.example.app.Main\n", java.out(), java.toString());
        assertEquals(java.out(), jrun("src/com/example/app/Main.java").run().out());
        // from elsewhere, and from the package's directory: the root is the same
        Jrun.Result inside = Jrun.cmd("Main.java").dir(dir.resolve("src/com/example/app")).cache(cache()).run();
        assertEquals(java.out(), inside.out(), inside.toString());
        assertEquals(java(dir.resolve("src/com/example/app"), "Main.java").out(), inside.out());
    }

    @Test
    void editingAFileItReadRebuildsEditingOneItDidNotReadDoesNot() throws Exception {
        write("Prog.java", PROG);
        write("Greeter.java", GREETER);
        write("Util.java", UTIL);
        write("Other.java", "class Other {}\n");
        assertEquals("hello a!\n", jrun("Prog.java", "a").run().out());

        write("Other.java", "class Other { int edited; }\n");
        Jrun.Result unread = jrun("--verbose", "Prog.java", "b").run();
        assertEquals("hello b!\n", unread.out());
        assertFalse(unread.err().contains("building"), "Other.java was never read: " + unread.err());

        write("Util.java", UTIL.replace("\"!\"", "\"?\""));
        Jrun.Result edited = jrun("--verbose", "Prog.java", "c").run();
        assertEquals("hello c?\n", edited.out(), "an edit of a file two classes away rebuilds: " + edited);
        assertEquals(java(dir, "Prog.java", "c").out(), edited.out());
        assertTrue(edited.err().contains("building"), edited.err());
    }

    @Test
    void deletingAFileItReadRebuildsAndFailsAsJavaDoes() throws Exception {
        write("Prog.java", PROG);
        write("Greeter.java", GREETER);
        write("Util.java", UTIL);
        assertEquals(0, jrun("Prog.java", "a").run().status());
        Files.delete(dir.resolve("Util.java"));
        Jrun.Result r = jrun("Prog.java", "a").run();
        assertEquals(4, r.status(), r.toString());
        Jrun.Result java = java(dir, "Prog.java", "a");
        assertNotEquals(0, java.status());
        // the same diagnostic, the file named as the user would (java names it by its absolute path)
        String first = java.err().lines().findFirst().orElseThrow().replace(dir + "/", "");
        assertEquals("Greeter.java:2: error: cannot find symbol", first);
        assertTrue(r.err().startsWith(first + "\n"), r.err());
        assertTrue(r.err().contains("symbol:   variable Util"), r.err());
        assertTrue(r.err().endsWith("jrun: error: Prog.java: compilation failed with 1 error; fix it and run again\n"),
                r.err());
    }

    @Test
    void aNewFileForAClassTheScriptNamesRebuildsAnUnrelatedNewFileDoesNot() throws Exception {
        // List comes from java.util.*: a List.java beside the script is the same package, which wins
        write("Lists.java", "import java.util.*;\n\npublic class Lists {\n    public static void main(String[] a) {\n"
                + "        System.out.println(List.of(\"x\"));\n    }\n}\n");
        assertEquals("[x]\n", jrun("Lists.java").run().out());

        write("Unrelated.java", "class Unrelated {}\n");
        Jrun.Result unrelated = jrun("--verbose", "Lists.java").run();
        assertEquals("[x]\n", unrelated.out());
        assertFalse(unrelated.err().contains("building"), unrelated.err());

        write("List.java", "class List {\n    static String of(String s) { return \"own \" + s; }\n}\n");
        Jrun.Result shadowed = jrun("--verbose", "Lists.java").run();
        assertEquals(java(dir, "Lists.java").out(), shadowed.out());
        assertEquals("own x\n", shadowed.out(), shadowed.toString());
        assertTrue(shadowed.err().contains("building"), shadowed.err());

        Files.delete(dir.resolve("List.java"));
        assertEquals("[x]\n", jrun("Lists.java").run().out());
    }

    @Test
    void theMainClassIsTheFirstOrElseTheOneNamedAfterTheFileAsJavaChooses() throws Exception {
        write("Tool.java", "class Helper {\n    static String name() { return \"tool\"; }\n}\n\n"
                + "public class Tool {\n    public static void main(String[] a) { System.out.println(Helper.name()); }\n}\n\n"
                + "class Other {\n    public static void main(String[] a) { System.out.println(\"other\"); }\n}\n");
        assertEquals("tool\n", java(dir, "Tool.java").out());
        assertEquals("tool\n", jrun("Tool.java").run().out());
    }

    @Test
    void aScriptWhoseFirstLineIsShebangHasNoSourceRootAsWithJava() throws Exception {
        write("Greeter.java", GREETER);
        write("Util.java", UTIL);
        write("prog.java", "#!/usr/bin/env jrun\n" + PROG.replace("class Prog", "class prog"));
        Jrun.Result java = java(dir, "prog.java", "a");
        assertNotEquals(0, java.status(), "java 25 does not look beside a #! file either");
        Jrun.Result r = jrun("prog.java", "a").run();
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.err().endsWith("jrun: error: prog.java: compilation failed with 1 error; fix it and run again"
                + " (Greeter.java beside it is not looked in: the script's first line is #!, as with java;"
                + " name it with //SOURCES Greeter.java)\n"), r.err());
        // //SOURCES still names them
        write("prog.java", "#!/usr/bin/env jrun\n//SOURCES Greeter.java Util.java\n" + PROG.replace("class Prog", "class prog"));
        assertEquals("hello a!\n", jrun("prog.java", "a").run().out());
    }

    @Test
    void sourcesNamedAlsoBesideTheScriptAreCompiledOnce() throws Exception {
        write("Prog.java", "//SOURCES Greeter.java\n" + PROG);
        write("Greeter.java", GREETER);
        write("Util.java", UTIL);
        Jrun.Result r = jrun("Prog.java", "s").run();
        assertEquals("hello s!\n", r.out(), r.toString());
        assertEquals("", r.err());
    }
}
