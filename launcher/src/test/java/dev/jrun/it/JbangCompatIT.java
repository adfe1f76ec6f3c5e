package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JBang user's scripts and command lines run unchanged (issue 12): the directives and options JBang
 * documents, each next to the JBang behaviour it mirrors. Dependencies (@Grab, --deps, coordinates
 * as the script, agents by coordinates) are in {@code deps.JbangDepsIT}.
 */
class JbangCompatIT {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    static Jrun.Result ok(Jrun.Result r) {
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    /** Runs twice: the second run must come from the cache (one JVM, no build) and print the same. */
    String twice(String... args) {
        Jrun.Result first = ok(jrun(args).run());
        String[] verbose = new String[args.length + 1];
        verbose[0] = "--verbose";
        System.arraycopy(args, 0, verbose, 1, args.length);
        Jrun.Result second = ok(jrun(verbose).run());
        assertTrue(second.err().contains("jrun: cached:"), "not a cache hit: " + second);
        assertEquals(first.out(), second.out());
        return first.out();
    }

    static void oneErrorLine(Jrun.Result r, int status, String start) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.err().startsWith(start), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
    }

    static final String MANIFEST_PRINTER = """
            import java.util.jar.JarFile;
            public class man {
                public static void main(String[] a) throws Exception {
                    String jar = man.class.getProtectionDomain().getCodeSource().getLocation().getPath();
                    var m = new JarFile(jar).getManifest().getMainAttributes();
                    System.out.println(m.getValue("foo") + " " + m.getValue("bar") + " " + m.getValue("baz"));
                }
            }
            """;

    @Test
    void manifestBareKeysAreTrueAndPlaceholdersTakeDefaultsOrDashD() throws IOException {
        // JBang, running.adoc: "It takes a list of key=value items separated by spaces. If an item has
        // no equals sign and no value than the value is taken to be the string "true"." Its itest
        // helloworld.java has //MANIFEST with a bare key and ${prop:default}.
        write("man.java", "//MANIFEST foo bar=baz baz=${bazprop:nada}\n" + MANIFEST_PRINTER);
        assertEquals("true baz nada\n", twice("man.java"));
        // a -D property fills in the placeholder; a changed value rebuilds, an unrelated one does not
        assertEquals("true baz given\n", twice("-Dbazprop=given", "man.java"));
        assertEquals("true baz other\n", twice("-D", "bazprop=other", "man.java"));
        assertEquals("true baz nada\n", twice("man.java"));
        Jrun.Result unrelated = ok(jrun("--verbose", "-Dunrelated=1", "man.java").run());
        assertTrue(unrelated.err().contains("jrun: cached:"), unrelated.toString());
        assertEquals("true baz nada\n", unrelated.out());
    }

    @Test
    void filesGoToTheRootOfTheClassPathUnlessATargetIsNamed() throws IOException {
        // JBang, organizing.adoc: "//FILES <path>[=<destination>]"; a file named without a target
        // lands at the root of the class path (JBang's resource tests read res/resource.properties
        // as /resource.properties), and a glob's matches do too.
        write("res/a.properties", "a=1\n");
        write("res/more/b.properties", "b=2\n");
        write("res/c.txt", "c\n");
        write("files.java", """
                //FILES res/a.properties
                //FILES res/more/*.properties
                //FILES META-INF/conf/c.txt=res/c.txt
                public class files {
                    public static void main(String[] a) {
                        for (String r : new String[] {"/a.properties", "/b.properties", "/META-INF/conf/c.txt", "/res/a.properties"}) {
                            System.out.println(r + " " + (files.class.getResource(r) != null));
                        }
                    }
                }
                """);
        assertEquals("/a.properties true\n/b.properties true\n/META-INF/conf/c.txt true\n/res/a.properties false\n",
                twice("files.java"));
        // --files, JBang's command-line form, relative to the working directory
        write("extra/d.txt", "d\n");
        write("d.java", "public class d { public static void main(String[] a) {"
                + " System.out.println(d.class.getResource(\"/d.txt\") != null); } }\n");
        assertEquals("true\n", twice("--files", "extra/d.txt", "d.java"));
    }

    @Test
    void aSourceFileAsADependencyIsCompiledWithTheScript() throws IOException {
        // JBang, dependencies: "//DEPS Two.java" names another source file, whose own directives count
        write("lib/Two.java", "//FILES two.txt\npublic class Two { public static String s() { return \"two\"; } }\n");
        write("lib/two.txt", "from two\n");
        write("one.java", "//DEPS lib/Two.java\npublic class one { public static void main(String[] a) throws Exception {"
                + " System.out.print(Two.s() + \" \" + new String(one.class.getResourceAsStream(\"/two.txt\").readAllBytes())); } }\n");
        assertEquals("two from two\n", twice("one.java"));
    }

    static final String AGENT = """
            import java.lang.instrument.Instrumentation;
            public class agent {
                public static void premain(String options, Instrumentation inst) {
                    System.out.println("agent " + options + " retransform " + inst.isRetransformClassesSupported());
                }
            }
            """;

    @Test
    void javaAgentsAsScriptsAndJars() throws Exception {
        // JBang, running.adoc: "You can activate a javaagent using --javaagent=<agent>[=<options>] where
        // agent can be a already packaged agent jar ... It can also be a jbang script itself where you
        // have put //JAVAAGENT to activate agent packaging."
        write("agent.java", "//JAVAAGENT Can-Retransform-Classes\n" + AGENT);
        write("app.java", "public class app { public static void main(String[] a) { System.out.println(\"app\"); } }\n");
        assertEquals("agent opts retransform true\napp\n", twice("--javaagent=agent.java=opts", "app.java"));
        // script-directives.adoc: "//JAVAAGENT myagent.jar=option1,option2" (here the agent script)
        write("uses.java", "//JAVAAGENT agent.java=fromscript\npublic class uses { public static void main(String[] a) {"
                + " System.out.println(\"uses\"); } }\n");
        assertEquals("agent fromscript retransform true\nuses\n", twice("uses.java"));
        // an edit to the agent rebuilds the script that uses it
        write("agent.java", "//JAVAAGENT\n" + AGENT.replace("\"agent \"", "\"edited \""));
        assertEquals("edited fromscript retransform false\nuses\n", ok(jrun("uses.java").run()).out());

        // a packaged agent jar, relative to the working directory
        Path classes = Files.createDirectories(dir.resolve("agentclasses"));
        write("src/agent.java", AGENT);
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                "-d", classes.toString(), dir.resolve("src/agent.java").toString()));
        write("agent.mf", "Premain-Class: agent\n");
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "cfm", dir.resolve("agent.jar").toString(), dir.resolve("agent.mf").toString(), "-C", classes.toString(), "."));
        assertEquals("agent jar retransform false\napp\n", twice("--javaagent", "agent.jar=jar", "app.java"));
    }

    @Test
    void unsupportedThingsAreOneLineErrorsNamingTheDirective() throws IOException {
        // JBang's //MODULE, //KOTLIN, //GROOVY, remote //SOURCES and other languages' files: jrun says
        // so in one line naming the line, never with a wall of javac errors
        write("mod.java", "//MODULE com.example.app\npublic class mod { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("mod.java").run(), 3, "jrun: error: mod.java:1: //MODULE: not supported by jrun");
        write("kt.java", "//KOTLIN 2.0.21\npublic class kt { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("kt.java").run(), 3, "jrun: error: kt.java:1: //KOTLIN: not supported: jrun runs Java only");
        write("remote.java", "//SOURCES https://example.com/A.java\npublic class remote { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("remote.java").run(), 3, "jrun: error: remote.java:1: //SOURCES: https://example.com/A.java: remote files are not supported");
        write("other.java", "//SOURCES util.kt\npublic class other { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("other.java").run(), 3, "jrun: error: other.java:1: //SOURCES: util.kt: jrun compiles Java only");
        write("grab.java", "@Grab(group=\"g\", module=\"m\", version=VERSION)\npublic class grab { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("grab.java").run(), 3, "jrun: error: grab.java:1: //DEPS: @Grab(version=VERSION): jrun reads string values only");
        write("hi.java", "public class hi { public static void main(String[] a) {} }\n");
        oneErrorLine(jrun("--main", "not a class", "hi.java").run(), 3, "jrun: error: --main: 'not a class' is not a class name");
        oneErrorLine(jrun("-s", "nothere.java", "hi.java").run(), 3, "jrun: error: -s: ");
    }

    static final String PROPS = "public class props { public static void main(String[] a) {"
            + " System.out.println(System.getProperty(\"x\") + \" \" + System.getProperty(\"y\") + \" \" + String.join(\",\", a)); } }\n";

    @Test
    void systemPropertiesAndRuntimeOptionsOnCachedRuns() throws IOException {
        // JBang, usage: "-D, --define=<String=String>" and "-R, --runtime-option, --java-options=<runtimeOptions>
        // Options to pass to the Java runtime"; the command line's come after //JAVA_OPTIONS, so they win
        write("props.java", "//JAVA_OPTIONS -Dx=script\n" + PROPS);
        assertEquals("script null a\n", twice("props.java", "a"));
        assertEquals("cli 2 -Dx=arg\n", twice("-Dx=cli", "-D", "y=2", "props.java", "-Dx=arg"));
        assertEquals("r it's b\n", twice("-R", "-Dx=r", "--runtime-option=-Dy=it's", "props.java", "b"));
        assertEquals("j null \n", twice("--java-options", "-Dx=j", "props.java"));
        assertEquals("64 null \n", twice("-R-Dx=64", "props.java"));
        // all of these share the script's one entry: none of them changes the build
        try (var entries = Files.list(dir.resolve("cache/entries"))) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void optionsThatChangeTheBuildArePartOfTheEntry() throws IOException {
        // JBang, usage: "-C, --compile-option", "--cp, --class-path", "-s, --sources", "-m, --main",
        // "--enable-preview"; each run is a cache hit, and a run without them is the script's own
        write("two.java", "import java.util.*;\npublic class two { public static void main(String[] a) {"
                + " List raw = new ArrayList(); raw.add(1); System.out.println(\"two\"); } }\n"
                + "class Other { public static void main(String[] a) { System.out.println(\"other\"); } }\n");
        assertEquals("two\n", twice("two.java"));
        assertEquals("other\n", twice("--main", "Other", "two.java"));
        assertEquals("other\n", twice("--main=Other", "two.java"));
        assertEquals("two\n", twice("two.java"));
        write("src/Helper.java", "public class Helper { static String h() { return \"helped\"; } }\n");
        write("uses.java", "public class uses { public static void main(String[] a) { System.out.println(Helper.h()); } }\n");
        assertEquals("helped\n", twice("-s", "src/Helper.java", "uses.java"));
        assertEquals("helped\n", twice("--sources=src/Helper.java", "uses.java"));
        assertEquals("helped\n", twice("-ssrc/Helper.java", "uses.java"));
        Jrun.Result strict = jrun("-C", "-Xlint:all", "-C", "-Werror", "two.java").run();
        assertEquals(4, strict.status(), strict.toString());
        assertTrue(strict.err().contains("warnings found and -Werror specified"), strict.err());

        // --cp: a directory of classes, relative to the working directory
        Path lib = Files.createDirectories(dir.resolve("lib"));
        write("libsrc/lib/Lib.java", "package lib; public class Lib { public static String v() { return \"lib\"; } }\n");
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                "-d", lib.toString(), dir.resolve("libsrc/lib/Lib.java").toString()));
        write("cp.java", "public class cp { public static void main(String[] a) { System.out.println(lib.Lib.v()); } }\n");
        assertEquals("lib\n", twice("--cp", "lib", "cp.java"));
        assertEquals("lib\n", twice("--class-path=lib", "cp.java"));

        // --enable-preview: primitive types in patterns are a preview feature of JDK 25
        write("prev.java", "public class prev { public static void main(String[] a) {"
                + " Object o = 42; if (o instanceof int i) System.out.println(\"int \" + i); } }\n");
        assertEquals("int 42\n", twice("--java", "25", "--enable-preview", "prev.java"));
    }

    @Test
    void debugWaitsForADebuggerOnThePort() throws Exception {
        // JBang, debugging.adoc: --debug starts the JVM with JDWP listening, suspended until a debugger attaches
        write("dbg.java", "public class dbg { public static void main(String[] a) { System.out.println(\"ran\"); } }\n");
        ok(jrun("dbg.java").run());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = jrun("--debug=127.0.0.1:" + port, "dbg.java").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("Listening for transport dt_socket at address: " + port, out.readLine());
            assertFalse(p.waitFor(1, TimeUnit.SECONDS), "suspended until a debugger attaches");
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJarRunsWithItsManifestsMainClassAndClassPath() throws Exception {
        // JBang, running.adoc: "JBang can run executable WAR files that contain a Main-Class manifest entry"
        // (and jars alike): jrun app.jar args
        Path classes = Files.createDirectories(dir.resolve("classes"));
        write("src/Hi.java", "public class Hi { public static void main(String[] a) { System.out.println(\"jar \" + String.join(\",\", a)"
                + " + \" \" + Dep.d()); } }\n");
        write("src/Dep.java", "public class Dep { static String d() { return \"dep\"; } }\n");
        Path depClasses = Files.createDirectories(dir.resolve("depclasses"));
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                "-d", depClasses.toString(), dir.resolve("src/Dep.java").toString()));
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                "-cp", depClasses.toString(), "-d", classes.toString(), dir.resolve("src/Hi.java").toString()));
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "cf", dir.resolve("dep.jar").toString(), "-C", depClasses.toString(), "."));
        write("hi.mf", "Main-Class: Hi\nClass-Path: dep.jar\n");
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "cfm", dir.resolve("hi.jar").toString(), dir.resolve("hi.mf").toString(), "-C", classes.toString(), "."));
        assertEquals("jar a,b dep\n", twice("hi.jar", "a", "b"));
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "cf", dir.resolve("nomain.jar").toString(), "-C", depClasses.toString(), "."));
        oneErrorLine(jrun("nomain.jar").run(), 3, "jrun: error: nomain.jar: its manifest names no Main-Class; name the class to run with --main CLASS");
    }

    @Test
    void copiesOfAScriptInTwoDirectoriesWithFilesOfTheirOwnAreBothCached() throws IOException {
        // JBang caches by content too; jrun does better: copies with their own //SOURCES each keep an
        // entry, instead of rebuilding each other on every alternating run
        String main = "//SOURCES Msg.java\npublic class app { public static void main(String[] a) { System.out.println(Msg.m()); } }\n";
        write("a/app.java", main);
        write("a/Msg.java", "class Msg { static String m() { return \"a\"; } }\n");
        write("b/app.java", main);
        write("b/Msg.java", "class Msg { static String m() { return \"b\"; } }\n");
        ok(jrun("a/app.java").run());
        ok(jrun("b/app.java").run());
        for (int i = 0; i < 2; i++) {
            for (String d : new String[] {"a", "b"}) {
                Jrun.Result r = ok(jrun("--verbose", d + "/app.java").run());
                assertEquals(d + "\n", r.out());
                assertTrue(r.err().contains("jrun: cached:"), r.toString());
                assertFalse(r.err().contains("Directory nonexistent"), r.toString());
            }
        }
    }

    @Test
    void javaNAndNPlusShareOneEntryForOneJdk() throws IOException {
        // JBang, javaversions.adoc: //JAVA 25 is exactly 25, 25+ is 25 or newer; on a machine whose
        // newest is 25 both pick the same JDK, and jrun builds once for both
        write("ver.java", "public class ver { public static void main(String[] a) {"
                + " System.out.println(Runtime.version().feature()); } }\n");
        ok(jrun("--java", "25", "ver.java").run());
        Jrun.Result plus = ok(jrun("--verbose", "--java", "25+", "ver.java").run());
        assertEquals("25\n", plus.out());
        assertFalse(plus.err().contains("jrun: compiled"), "no second compile: " + plus);
        assertTrue(plus.err().contains("built from the same inputs"), plus.toString());
        assertTrue(ok(jrun("--verbose", "--java", "25+", "ver.java").run()).err().contains("jrun: cached:"));
        assertTrue(ok(jrun("--verbose", "--java", "25", "ver.java").run()).err().contains("jrun: cached:"));
    }
}
