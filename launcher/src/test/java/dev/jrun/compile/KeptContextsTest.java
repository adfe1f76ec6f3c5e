package dev.jrun.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.script.Script;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compile with a kept javac context gives exactly what a compile with a new one gives: the same
 * success or failure and messages, the same class files byte for byte, the same files of the
 * source root read (with their hashes: the build's inputs) and the same absent files, through a
 * sequence of edits, files added beside the script, removed, edited in place, renamed, classes
 * defined and dropped, and other scripts of the same directory. (Surefire runs with
 * --add-exports for com.sun.tools.javac.api, as the compile server does.)
 */
class KeptContextsTest {
    @TempDir
    Path dir;
    @TempDir
    Path out;
    private int n;

    @BeforeEach
    void keep() {
        assertTrue(Compiler.keepContexts(), "JavacTaskPool is not reachable: surefire's argLine must export it");
    }

    @AfterEach
    void forget() {
        Compiler.dropKeptContexts();
    }

    @Test
    void everyStepCompilesAsANewContextWould() throws IOException {
        int reusedBefore = KeptContexts.reused();
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"one\"); } }");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"two\"); } }");
        same("M.java");
        // a class beside the script, added: the kept context listed the directory without it
        write("Foo.java", "class Foo { static String f() { return \"foo1\"; } }");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(Foo.f()); } }");
        same("M.java");
        write("Foo.java", "class Foo { static String f() { return \"foo2\"; } }");
        same("M.java");
        // Foo.java stays, unread; then it is edited in place and read again: its new text
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"three\"); } }");
        same("M.java");
        same("M.java");
        write("Foo.java", "class Foo { static String g() { return \"foo3\"; } }");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(Foo.g()); } }");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(Foo.f()); } }");
        same("M.java"); // fails: f is gone
        // a class the script defined, then dropped from it
        write("M.java", "class M { public static void main(String[] a) { Bar.b(); } } class Bar { static void b() { } }");
        same("M.java");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { Bar.b(); } }");
        same("M.java"); // fails: Bar is gone
        write("M.java", "class M { static int x; public static void main(String[] a) { } }");
        same("M.java");
        // another script of the same directory, which uses the first from its file
        write("N.java", "class N { public static void main(String[] a) { M.main(a); System.out.println(M.x); } }");
        same("N.java");
        same("M.java");
        // removed, then added under another name
        Files.delete(dir.resolve("Foo.java"));
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"four\"); } }");
        same("M.java");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(Foo.g()); } }");
        same("M.java"); // fails: no Foo
        write("Foo2.java", "class Foo { static String g() { return \"foo4\"; } }");
        same("M.java");
        Files.move(dir.resolve("Foo2.java"), dir.resolve("Foo.java"));
        same("M.java");
        // a package beside the script, made after the context listed where it would be
        write("M.java", "import p.Q; class M { public static void main(String[] a) { System.out.println(\"five\"); } }");
        same("M.java"); // fails: no package p
        Files.createDirectories(dir.resolve("p"));
        write("p/Q.java", "package p; public class Q { public static int q() { return 5; } }");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"six\"); } }");
        same("M.java");
        same("M.java");
        write("p/Q.java", "package p; public class Q { public static int q() { return 6; } }");
        write("M.java", "import p.Q; class M { public static void main(String[] a) { System.out.println(Q.q()); } }");
        same("M.java");
        // a compile error, then its fix
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"seven\") } }");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"seven\"); } }");
        same("M.java");
        same("M.java");
        // warnings and notes, each build's own (javac's mandatory warnings are reset between builds)
        write("M.java", "import java.util.*; class M { @Deprecated static void d() { } public static void main(String[] a) {"
                + " List l = new ArrayList(); l.add(a); Integer i = new Integer(1); new Date(1, 1, 1); } }");
        same("M.java");
        same("M.java");
        write("M.java", "class M { public static void main(String[] a) { System.out.println(\"quiet\"); } }");
        same("M.java");
        // a class beside the script that shadows one of java.lang, added later
        write("M.java", "class M { public static void main(String[] a) { System.out.println(new Thread().getName()); } }");
        same("M.java");
        same("M.java");
        write("Thread.java", "class Thread { String getName() { return \"mine\"; } }");
        same("M.java");
        same("M.java");
        assertTrue(KeptContexts.reused() - reusedBefore >= 8, "kept contexts were reused "
                + (KeptContexts.reused() - reusedBefore) + " times: the test would not show a difference");
    }

    @Test
    void aScriptInAPackageAndOneWithoutASourceRoot() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        write("app/Main.java", "package app; public class Main { public static void main(String[] a) { Util.u(); } }");
        write("app/Util.java", "package app; class Util { static void u() { } }");
        same("app/Main.java");
        write("app/Main.java", "package app; public class Main { public static void main(String[] a) { } }");
        same("app/Main.java");
        same("app/Main.java");
        write("app/Main.java", "package app; public class Main { public static void main(String[] a) { Util.u(); } }");
        same("app/Main.java");
        // #! on its first line: no source root, so Util beside it is not seen
        write("s.java", "#!/usr/bin/env jrun\nclass s { public static void main(String[] a) { } }");
        same("s.java");
        same("s.java");
        write("s.java", "#!/usr/bin/env jrun\nclass s { public static void main(String[] a) { Helper.h(); } }");
        write("Helper.java", "class Helper { static void h() { } }");
        same("s.java"); // fails, both ways
    }

    /** Compiles {@code file} with a kept context (if one fits) and with none; both must give the same. */
    private void same(String file) throws IOException {
        String kept = compile(file);
        KeptContexts.Api saved = KeptContexts.suspend();
        String fresh;
        try {
            fresh = compile(file);
        } finally {
            KeptContexts.resume(saved);
        }
        assertEquals(fresh.replace(out.toString(), "OUT"), kept.replace(out.toString(), "OUT"), "compiling " + file);
    }

    private String compile(String file) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        Script script = new Script(file, path, path.toRealPath(), text, text.lines().toList(), Hashing.of(text.getBytes(StandardCharsets.UTF_8)));
        Path classes = Files.createDirectory(out.resolve("c" + n++));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);
        StringBuilder outcome = new StringBuilder();
        try {
            CompileResult r = new Compiler(err).compile(new CompileRequest(List.of(script), List.of(),
                    List.of("-encoding", "UTF-8", "-g", "-parameters", "-proc:none"), classes, null, List.of()));
            outcome.append("compiled, main ").append(r.main()).append("\nread ").append(r.read()).append("\nabsent ")
                    .append(r.absent().stream().map(p -> dir.relativize(p).toString()).sorted().toList());
            TreeMap<String, String> files = new TreeMap<>();
            try (Stream<Path> s = Files.walk(classes)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    files.put(classes.relativize(p).toString(), Hashing.of(Files.readAllBytes(p)));
                }
            }
            outcome.append("\nclasses ").append(files);
        } catch (JrunException e) {
            outcome.append("failed: ").append(e.getMessage());
        }
        return outcome.append("\nsaid ").append(said.toString(StandardCharsets.UTF_8).replace(dir.toString(), "DIR"))
                .toString().replace(dir.toString(), "DIR");
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text); // in place: the directory's listing does not change
    }
}
