package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core contract: running, caching, arguments, directives, JDK choice, the process model. */
class CoreIT extends ScriptDir {

    static final String HELLO = "public class hello { public static void main(String[] a) {"
            + " System.out.println(\"hi \" + a.length); } }\n";

    @Test
    void firstRunCompilesLaterRunsComeFromTheCache() throws IOException {
        write("hello.java", HELLO);
        Jrun.Result first = jrun("--verbose", "hello.java", "x", "y").run();
        assertEquals(0, first.status(), first.toString());
        assertEquals("hi 2\n", first.out());
        assertTrue(first.err().contains("building hello.java"), first.err());
        Jrun.Result second = jrun("--verbose", "hello.java").run();
        assertEquals("hi 0\n", second.out(), second.toString());
        assertTrue(second.err().contains("jrun: cached:"), second.err());
        assertFalse(second.err().contains("building"), second.err());
    }

    @Test
    void argumentsReachTheScriptUnchanged() throws IOException {
        write("args.java", "public class args { public static void main(String[] a) {"
                + " for (String s : a) System.out.println(\"[\" + s + \"]\"); } }\n");
        String[] given = {"", "a b", "--help", "-version", "@file", "*", "ünïcødé ✓", "$HOME", "--verbose", "--fresh"};
        List<String> cmd = new ArrayList<>(List.of("args.java"));
        cmd.addAll(List.of(given));
        for (int run = 0; run < 2; run++) { // the building run and the cached run
            Jrun.Result r = jrun(cmd.toArray(String[]::new)).run();
            StringBuilder want = new StringBuilder();
            for (String g : given) {
                want.append('[').append(g).append("]\n");
            }
            assertEquals(want.toString(), r.out(), r.toString());
        }
    }

    @Test
    void scriptFromStandardInput() {
        Jrun.Result r = jrun("-", "a", "b c").stdin("public class Whatever { public static void main(String[] a) {"
                + " System.out.println(\"stdin \" + String.join(\"|\", a)); } }\n").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("stdin a|b c\n", r.out());
    }

    @Test
    void shebangLineIsBlankedAndLineNumbersStayRight() throws IOException {
        write("she.java", "#!/usr/bin/env jrun\npublic class she { public static void main(String[] a) {\n"
                + "  int x = \"not an int\";\n} }\n");
        Jrun.Result r = jrun("she.java").run();
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.err().startsWith("she.java:3: error: incompatible types"), r.err());
        assertTrue(r.err().contains("\njrun: error: she.java: compilation failed with 1 error"), r.err());
        write("she.java", "#!/usr/bin/env jrun\npublic class she { public static void main(String[] a) {\n"
                + "  System.out.println(\"line \" + new Throwable().getStackTrace()[0].getLineNumber());\n} }\n");
        Jrun.Result ok = jrun("she.java").run();
        assertEquals("line 3\n", ok.out(), ok.toString());
    }

    @Test
    void theShellTrampolineFirstLineRunsThroughPath() throws IOException {
        Path script = write("tramp.java", "///usr/bin/env jrun \"$0\" \"$@\" ; exit $?\n"
                + "public class tramp { public static void main(String[] a) { System.out.println(\"tramp \" + a[0]);"
                + " System.exit(7); } }\n");
        ProcessBuilder pb = Jrun.cmd().dir(dir).cache(cache()).builder();
        pb.command("sh", script.toString(), "arg 1");
        Jrun.Result r = run(pb);
        assertEquals(7, r.status(), r.toString());
        assertEquals("tramp arg 1\n", r.out());
    }

    @Test
    void exitStatusStdinAndWorkingDirectoryAreTheScripts() throws IOException {
        write("io.java", "import java.io.*; public class io { public static void main(String[] a) throws Exception {"
                + " String line = new BufferedReader(new InputStreamReader(System.in)).readLine();"
                + " System.out.println(\"read \" + line + \" in \" + System.getProperty(\"user.dir\"));"
                + " System.err.println(\"to stderr\"); System.exit(42); } }\n");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Jrun.Result r = Jrun.cmd("../io.java").dir(sub).cache(cache()).stdin("some input\n").run();
        assertEquals(42, r.status(), r.toString());
        assertEquals("read some input in " + sub.toRealPath() + "\n", r.out());
        assertEquals("to stderr\n", r.err());
    }

    @Test
    void theScriptsJvmReplacesJrunAndGetsItsSignals() throws Exception {
        write("sig.java", "public class sig { public static void main(String[] a) throws Exception {"
                + " Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"hook ran\")));"
                + " System.out.println(\"pid \" + ProcessHandle.current().pid()); System.out.flush();"
                + " Thread.sleep(120_000); } }\n");
        Process p = jrun("sig.java").start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            String first = out.readLine();
            assertEquals("pid " + p.pid(), first, "the script's JVM must be the process jrun was started as");
            Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(p.pid())}).waitFor();
            assertEquals("hook ran", out.readLine());
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(143, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void java21PatternsAndJava25CompactSourceFilesPickTheirJdk() throws IOException {
        write("p21.java", "//JAVA 21+\npublic class p21 { sealed interface S permits A, B {}"
                + " record A(int x) implements S {} record B(String s) implements S {}\n"
                + " public static void main(String[] a) { S s = new A(3);"
                + " System.out.println(switch (s) { case A(int x) -> \"A\" + x; case B(String t) -> t; }"
                + " + \" on \" + Runtime.version().feature()); } }\n");
        Jrun.Result r = jrun("p21.java").run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("A3 on "), r.out());
        assertTrue(Integer.parseInt(r.out().strip().substring(6)) >= 21, r.out());

        write("compact.java", "//JAVA 25+\nvoid main() { IO.println(\"compact on \" + Runtime.version().feature()); }\n");
        Jrun.Result c = jrun("compact.java").run();
        assertEquals(0, c.status(), c.toString());
        assertTrue(c.out().startsWith("compact on 2"), c.out());

        write("v.java", "public class v { public static void main(String[] a) {"
                + " System.out.println(Runtime.version().feature()); } }\n");
        assertEquals("25\n", jrun("--java", "25", "v.java").run().out());
        assertEquals("17\n", jrun("--java", "17", "v.java").run().out());
    }

    /** The home of an installed JDK of this release other than the default, or null. */
    static Path otherJdk(int major) throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/javac"))
                        && Files.readString(release).contains("JAVA_VERSION=\"" + major + ".")) {
                    return home.toRealPath();
                }
            }
        }
        return null;
    }

    @Test
    void withoutJavaHomeTheJavaFirstOnPathIsTheDefaultJdkEvenForCachedScripts() throws IOException {
        Path jdk25 = otherJdk(25);
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk25 != null, "needs a JDK 25 in /usr/lib/jvm");
        write("ver.java", "public class ver { public static void main(String[] a) {"
                + " System.out.println(Runtime.version().feature()); } }\n");
        String path = Jrun.cmd().builder().environment().get("PATH");
        String plain = jrun("ver.java").env("JAVA_HOME", null).run().out();
        Jrun.Result on25 = jrun("ver.java").env("JAVA_HOME", null).env("PATH", jdk25.resolve("bin") + ":" + path).run();
        assertEquals("25\n", on25.out(), on25.toString());
        assertEquals(plain, jrun("ver.java").env("JAVA_HOME", null).run().out(), "back to PATH's own java");
    }

    @Test
    void mainDirectiveNamingNoClassIsABuildError() throws IOException {
        write("mn.java", "public class mn { public static void main(String[] a) {} }\n//MAIN Nope\n");
        assertOneErrorLine(check(jrun("mn.java").run(), 3), "jrun: error: mn.java:2: //MAIN Nope: no such class");
    }

    @Test
    void aCompactSourceFileBeforeJava25SaysWhatItNeeds() throws IOException {
        write("cpt.java", "void main() { IO.println(\"hi\"); }\n");
        Jrun.Result r = check(jrun("--java", "17", "cpt.java").run(), 4);
        assertTrue(r.err().lines().reduce((a, b) -> b).orElse("").contains("need Java 25: add //JAVA 25+"), r.err());
    }

    @Test
    void noSuitableJdkListsTheJdksFound() throws IOException {
        write("j99.java", "//JAVA 99+\npublic class j99 { public static void main(String[] a) {} }\n");
        Jrun.Result r = jrun("j99.java").run();
        assertEquals(5, r.status(), r.toString());
        assertOneErrorLine(r, "jrun: error: j99.java:1: //JAVA 99+ needs JDK 99 or newer");
        assertTrue(r.err().contains("found: "), r.err());
        assertEquals(5, jrun("--java", "98", "j99.java").run().status());
    }

    @Test
    void directivesSourcesFilesOptionsMainAndPackages() throws IOException {
        write("proj/lib/Util.java", "package lib;\npublic class Util { public static String v() { return \"v1\"; } }\n");
        write("proj/res/msg.txt", "résumé\n");
        write("proj/app.java", """
                //SOURCES lib/*.java
                //FILES res/msg.txt conf/renamed.txt=res/msg.txt
                //JAVA_OPTIONS "-Dx=a b" -Dy=2
                //RUNTIME_OPTIONS -Dz=3
                //COMPILE_OPTIONS -Xlint:all
                //DESCRIPTION shows the directives
                package app;
                import lib.Util;
                class Helper {}
                public class app {
                    public static void main(String[] a) throws Exception {
                        System.out.println(Util.v() + " " + System.getProperty("x") + "|" + System.getProperty("y")
                                + "|" + System.getProperty("z") + " " + app.class.getName());
                        System.out.print(new String(app.class.getResourceAsStream("/msg.txt").readAllBytes(), "UTF-8"));
                        System.out.print(new String(app.class.getResourceAsStream("/conf/renamed.txt").readAllBytes(), "UTF-8"));
                    }
                }
                """);
        Jrun.Result r = jrun("proj/app.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("v1 a b|2|3 app.app\nrésumé\nrésumé\n", r.out());

        // through a symbolic link elsewhere, //SOURCES is still found beside the real file
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("elsewhere/link.java"), dir.resolve("proj/app.java"));
        assertEquals(r.out(), jrun("elsewhere/link.java").run().out());

        // a changed source rebuilds; so does a new file matching the glob
        write("proj/lib/Util.java", "package lib;\npublic class Util { public static String v() { return \"v2\"; } }\n");
        assertTrue(jrun("proj/app.java").run().out().startsWith("v2 "));
        write("proj/lib/Extra.java", "package lib;\nclass Extra { int broken = ; }\n");
        Jrun.Result broken = jrun("proj/app.java").run();
        assertEquals(4, broken.status(), broken.toString());
        assertTrue(broken.err().contains("Extra.java:2: error:"), broken.err());
    }

    @Test
    void recursiveGlobsStayOnTheCachedPathAndSeeNewFiles() throws Exception {
        write("deep/a/b/One.java", "package a.b;\npublic class One { public static String v() { return \"one\"; } }\n");
        write("deep/main.java", "//SOURCES **/*.java\npublic class main { public static void main(String[] x) throws Exception {"
                + " String s = a.b.One.v(); try { s += \" \" + Class.forName(\"a.c.Two\").getMethod(\"v\").invoke(null); }"
                + " catch (ClassNotFoundException e) { } System.out.println(s); } }\n");
        Thread.sleep(2100); // past the builder's margin for directories changed while it listed them
        assertEquals("one\n", jrun("deep/main.java").run().out());
        Jrun.Result cached = jrun("--verbose", "deep/main.java").run();
        assertEquals("one\n", cached.out());
        assertTrue(cached.err().contains("jrun: cached:"), cached.err());
        write("deep/a/c/Two.java", "package a.c;\npublic class Two { public static String v() { return \"two\"; } }\n");
        Jrun.Result added = jrun("--verbose", "deep/main.java").run();
        assertEquals("one two\n", added.out(), added.toString());
        assertTrue(added.err().contains("building"), added.err());
    }

    @Test
    void mainDirectiveAndSeveralTopLevelClasses() throws IOException {
        write("multi.java", "//MAIN Second\nclass First { public static void main(String[] a) { System.out.println(\"first\"); } }\n"
                + "class Second { public static void main(String[] a) { System.out.println(\"second\"); } }\n");
        assertEquals("second\n", jrun("multi.java").run().out());
        write("first.java", "class First { public static void main(String[] a) { System.out.println(\"first\"); } }\n"
                + "class Second { public static void main(String[] a) { System.out.println(\"second\"); } }\n");
        assertEquals("first\n", jrun("first.java").run().out());
    }

    @Test
    void previewFeaturesWithPreviewDirective() throws IOException {
        // primitive types in patterns: a preview feature of JDK 25
        write("prev.java", "//JAVA 25\n//PREVIEW\npublic class prev { public static void main(String[] a) {"
                + " Object o = 42; if (o instanceof int i) System.out.println(\"int \" + i); } }\n");
        Jrun.Result r = jrun("prev.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("int 42\n", r.out());
    }

    @Test
    void utf8SourcesWhateverTheLocale() throws IOException {
        write("utf.java", "public class utf { public static void main(String[] a) {"
                + " String s = \"grüße ✓\"; System.out.println(s + \" \" + s.length()); } }\n");
        Jrun.Result r = jrun("utf.java").env("LC_ALL", "C").env("LANG", "C").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("grüße ✓ 7\n", r.out());
    }

    @Test
    void contentAddressedCacheRebuildsOnEditNotOnTouch() throws IOException {
        Path script = write("edit.java", "public class edit { public static void main(String[] a) { System.out.println(1); } }\n");
        assertEquals("1\n", jrun("edit.java").run().out());
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Jrun.Result touched = jrun("--verbose", "edit.java").run();
        assertFalse(touched.err().contains("building"), touched.err());
        write("edit.java", "public class edit { public static void main(String[] a) { System.out.println(2); } }\n");
        assertEquals("2\n", jrun("edit.java").run().out());
        Jrun.Result fresh = jrun("--verbose", "--fresh", "edit.java").run();
        assertTrue(fresh.err().contains("building edit.java (--fresh)"), fresh.err());
        assertEquals("2\n", fresh.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache())));
    }

    @Test
    void eightFirstRunsAtOnceAllSucceed() throws Exception {
        write("par.java", "public class par { public static void main(String[] a) { System.out.println(\"par \" + a[0]); } }\n");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Jrun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String n = Integer.toString(i);
                runs.add(pool.submit(() -> jrun("par.java", n).run()));
            }
            for (int i = 0; i < 8; i++) {
                Jrun.Result r = runs.get(i).get();
                assertEquals(0, r.status(), r.toString());
                assertEquals("par " + i + "\n", r.out());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> tmp = Files.list(cache().resolve("tmp")); Stream<Path> entries = Files.list(cache().resolve("entries"))) {
            assertEquals(0, tmp.count(), "no build left behind");
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aBuildKilledHalfWayLeavesNothingTrusted() throws Exception {
        // a slow compile: many classes, so that the builder can be killed while it works
        StringBuilder big = new StringBuilder("public class slow { public static void main(String[] a) { System.out.println(\"slow ok\"); }\n");
        for (int i = 0; i < 1500; i++) {
            big.append(" static int m").append(i).append("(int x) { return switch (x) { case 1 -> ").append(i)
                    .append("; default -> x * ").append(i).append("; }; }\n");
        }
        write("slow.java", big.append("}\n").toString());
        Process p = jrun("slow.java").start();
        Path tmp = cache().resolve("tmp");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !(Files.isDirectory(tmp) && hasChildren(tmp))) {
            Thread.sleep(20);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        try (Stream<Path> entries = Files.list(cache().resolve("entries"))) {
            assertEquals(0, entries.count(), "a killed build published nothing");
        }
        Jrun.Result r = jrun("slow.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("slow ok\n", r.out());
    }

    private static boolean hasChildren(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isPresent();
        }
    }

    @Test
    void aFileNamedLikeASubcommandRunsWhenNamedWithAPath() throws IOException {
        // the command's name is the command (issue 15: a file named cache shadowed jrun cache list);
        // the file runs when named as a path, as a #! line or binfmt_misc names it
        write("info", "public class c { public static void main(String[] a) { System.out.println(\"a script\"); } }\n");
        Jrun.Result r = jrun("./info").run();
        assertEquals("a script\n", r.out(), r.toString());
        Jrun.Result command = jrun("info").run();
        assertEquals(2, command.status(), command.toString());
        assertTrue(command.err().contains("jrun info --help"), command.err());
    }

    @Test
    void pathsWithSpacesQuotesAndBackslashes() throws IOException {
        write("my dir's \"odd\" \\ place/lib/U.java", "class U { static String s() { return \"u\"; } }\n");
        write("my dir's \"odd\" \\ place/run me.java", "//SOURCES lib/U.java\n"
                + "public class runme { public static void main(String[] a) { System.out.println(U.s() + a[0]); } }\n");
        Path cache = dir.resolve("cache dir \"with\" 'quotes' \\");
        for (int i = 0; i < 2; i++) {
            Jrun.Result r = Jrun.cmd("my dir's \"odd\" \\ place/run me.java", "!").dir(dir).cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertEquals("u!\n", r.out());
        }
    }

    @Test
    void helpAndVersion() {
        Jrun.Result help = jrun("--help").run();
        assertEquals(0, help.status(), help.toString());
        assertTrue(help.out().contains("Usage: jrun"), help.out());
        Jrun.Result version = jrun("--version").run();
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("jrun "), version.out());
    }

    @Test
    void xdgCacheHomeIsTheDefaultRoot() throws IOException {
        write("x.java", HELLO);
        Jrun.Result r = Jrun.cmd("x.java").dir(dir).env("JRUN_CACHE_DIR", null)
                .env("XDG_CACHE_HOME", dir.resolve("xdg").toString()).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(Files.isDirectory(dir.resolve("xdg/jrun/entries")));
    }

    // ---- errors: one line, a documented status, no stack trace

    static void assertOneErrorLine(Jrun.Result r, String prefix) {
        assertTrue(r.err().startsWith(prefix), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void errorsAboutTheScriptFile() throws IOException {
        assertOneErrorLine(check(jrun("missing.java").run(), 3), "jrun: error: missing.java: no such file");
        Files.createDirectories(dir.resolve("d.java"));
        assertOneErrorLine(check(jrun("d.java").run(), 3), "jrun: error: d.java: is a directory");
        write("empty.java", "\n  \n");
        assertOneErrorLine(check(jrun("empty.java").run(), 3), "jrun: error: empty.java: is empty");
        write("nomain.java", "public class nomain { void run() {} }\n");
        assertOneErrorLine(check(jrun("nomain.java").run(), 3), "jrun: error: nomain.java: class nomain has no main method");
        write("noclass.java", "import java.util.List;\n");
        assertOneErrorLine(check(jrun("noclass.java").run(), 3), "jrun: error: noclass.java: declares no class");
        Files.write(dir.resolve("latin1.java"), "// caf\u00e9\nclass l {}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertOneErrorLine(check(jrun("latin1.java").run(), 3), "jrun: error: latin1.java:1: not valid UTF-8");
    }

    @Test
    void errorsAboutDirectives() throws IOException {
        write("badjava.java", "public class badjava {}\n//JAVA seventeen\n");
        assertOneErrorLine(check(jrun("badjava.java").run(), 3), "jrun: error: badjava.java:2: //JAVA: 'seventeen' is not a Java release");
        write("badsrc.java", "//SOURCES nothere/*.java\npublic class badsrc { public static void main(String[] a) {} }\n");
        assertOneErrorLine(check(jrun("badsrc.java").run(), 3), "jrun: error: badsrc.java:1: //SOURCES: nothere/*.java: matches no file");
        write("badq.java", "//JAVA_OPTIONS \"-Dx=unterminated\npublic class badq { public static void main(String[] a) {} }\n");
        assertOneErrorLine(check(jrun("badq.java").run(), 3), "jrun: error: badq.java:1: //JAVA_OPTIONS: unterminated \" quote");
        write("badopt.java", "//COMPILE_OPTIONS --no-such-javac-option\npublic class badopt { public static void main(String[] a) {} }\n");
        assertOneErrorLine(check(jrun("badopt.java").run(), 3), "jrun: error: badopt.java: javac rejects an option");
        assertOneErrorLine(check(jrun("--java", "x", "badopt.java").run(), 2), "jrun: error: --java x: not a Java release");
        assertOneErrorLine(check(jrun("--no-such-option", "x.java").run(), 2), "jrun: error: unknown option: '--no-such-option'");
    }

    @Test
    void unusableCacheRootsAreRefused() throws IOException {
        write("hello.java", HELLO);
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Jrun.Result r = Jrun.cmd("hello.java").dir(dir).cache(open).run();
        assertOneErrorLine(check(r, 7), "jrun: error: cache root " + open + " is unusable: others can write to it");
        Path file = write("afile", "x");
        assertOneErrorLine(check(Jrun.cmd("hello.java").dir(dir).cache(file).run(), 7), "jrun: error: cache root");
        if (Tools.isRoot()) {
            Path theirs = Files.createDirectories(dir.resolve("theirs"));
            Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
            assertOneErrorLine(check(Jrun.cmd("hello.java").dir(dir).cache(theirs).run(), 7),
                    "jrun: error: cache root " + theirs + " is unusable: owned by nobody");
        }
    }

    @Test
    void aScriptOthersCannotReadAsAnotherUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.isRoot() && Tools.onPath("setpriv"), "needs root and setpriv");
        Path home = Files.createDirectories(dir.resolve("nobody"));
        Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = write("nobody/secret.java", HELLO);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        ProcessBuilder pb = Jrun.cmd().dir(home).builder();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JRUN_CACHE_DIR", home.resolve("cache").toString());
        pb.command("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", Jrun.bin().toString(), "secret.java");
        Tools.asOtherUser("nobody", () -> {
            Jrun.Result r = run(pb);
            assertOneErrorLine(check(r, 3), "jrun: error: secret.java: permission denied");
        });
    }

    static Jrun.Result check(Jrun.Result r, int status) {
        assertEquals(status, r.status(), r.toString());
        return r;
    }

    static Jrun.Result run(ProcessBuilder pb) {
        try {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            String err = read(p.getErrorStream());
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            return new Jrun.Result(p.exitValue(), out.join(), err);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
