package dev.jrun.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class list is the JDK's default list, the script's classes, and what they reach in the libraries. */
class ClassListTest {
    @TempDir
    Path dir;

    @Test
    void takesTheScriptAndWhatItReachesInItsLibrariesOnly() throws Exception {
        Path lib = jar("lib", """
                package lib;
                public class Used { public static Helper make() { return new Helper(); } }
                """, """
                package lib;
                public class Helper implements java.io.Serializable { }
                """, """
                package lib;
                public class Unused { }
                """);
        Path app = jar("app", """
                public class app {
                    public static void main(String[] a) { System.out.println(lib.Used.make()); new Inner(); }
                    static class Inner { java.util.regex.Pattern p; }
                }
                """);
        Path home = Path.of(System.getProperty("java.home"));
        List<String> list = ClassList.of(home, List.of(app, lib));
        List<String> jdkDefaults = Files.readAllLines(home.resolve("lib/classlist")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).distinct().toList();
        assertEquals(jdkDefaults, list.subList(0, jdkDefaults.size()), "the JDK's default list comes first");
        for (String c : List.of("app", "app$Inner", "lib/Used", "lib/Helper", "java/util/regex/Pattern")) {
            assertTrue(list.contains(c), c + " in " + list.subList(jdkDefaults.size(), list.size()));
        }
        assertFalse(list.contains("lib/Unused"), "a library class nothing names is left out");
    }

    @Test
    void jrunsStartUpClassesAreArchivedButWhatTheyNameIsNotUnlessTheyRunAJshScript() throws Exception {
        String boot = """
                package dev.jrun.boot;
                public class ScriptMain { static Object s() { return java.util.stream.Stream.of(1); } }
                """;
        String jsh = """
                package dev.jrun.boot;
                public class JshMain { static Object s() { return new java.util.concurrent.Phaser(); } }
                """;
        String app = """
                public class app { public static void main(String[] a) { System.out.println(new java.util.BitSet()); } }
                """;
        ClassList.Scan plain = ClassList.scan(List.of(jar("plainboot", boot, jsh, app)));
        assertTrue(plain.classes().containsAll(List.of("dev/jrun/boot/ScriptMain", "dev/jrun/boot/JshMain", "app")),
                plain.classes().toString());
        assertTrue(plain.jdk().contains("java/util/BitSet"), plain.jdk().toString());
        assertFalse(plain.jdk().contains("java/util/stream/Stream") || plain.jdk().contains("java/util/concurrent/Phaser"),
                "what jrun's own classes name is what the probe's start through them records: " + plain.jdk());

        // a .jsh script's jar: its runner is its main, and what that names is the script's start
        Files.createDirectories(dir.resolve("classes-jshboot/META-INF/jrun"));
        Files.writeString(dir.resolve("classes-jshboot").resolve(ClassList.JSH_SCRIPT), "1 + 1\n");
        ClassList.Scan script = ClassList.scan(List.of(jar("jshboot", boot, jsh, app)));
        assertTrue(script.jdk().contains("java/util/concurrent/Phaser"), script.jdk().toString());
        assertFalse(script.jdk().contains("java/util/stream/Stream"), script.jdk().toString());
        assertEquals(dev.jrun.boot.JshMain.SCRIPT, ClassList.JSH_SCRIPT);
        assertEquals(dev.jrun.boot.JshMain.class.getName().replace('.', '/'), ClassList.JSH_MAIN);
    }

    @Test
    void theProbeLoadsTheScannedClassesAndTheArchiveHoldsItsRecord() throws Exception {
        Path plain = jar("plain", """
                public class plain { public static void main(String[] a) { System.out.println("hi"); } }
                """);
        Path home = Path.of(System.getProperty("java.home"));
        List<String> defaults = ClassList.defaults(home);
        ClassList.Scan scan = ClassList.scan(List.of(plain));
        assertFalse(scan.lambdas(), "no lambda");
        assertEquals(List.of(), scan.sites(), "no invokedynamic");
        List<String> names = ClassList.probeNames(scan, defaults);
        assertTrue(names.containsAll(List.of("plain", "java/lang/System", "java/io/PrintStream")), names.toString());
        assertTrue(names.size() < 20, "java.lang and java.io are not widened to their packages: " + names);
        List<String> record = List.of("# a comment", "java/lang/Object id: 0", "plain", ProbeMain.class.getName().replace('.', '/'));
        assertEquals(List.of("java/lang/Object id: 0", "plain"), ClassList.archiveList(record, scan, defaults),
                "the probe's own class and comments left out, nothing added");

        Path lambdas = jar("lambdas", """
                public class lambdas {
                    public static void main(String[] a) { Runnable r = () -> System.out.println(java.util.List.of(a)); r.run(); }
                }
                """);
        ClassList.Scan indy = ClassList.scan(List.of(lambdas));
        assertTrue(indy.lambdas(), "a lambda");
        assertEquals(1, indy.sites().size(), indy.sites().toString());
        assertTrue(indy.sites().get(0).startsWith("@indy lambdas java/lang/invoke/LambdaMetafactory metafactory "),
                indy.sites().toString());
        List<String> more = ClassList.probeNames(indy, defaults);
        assertTrue(more.contains("java/util/ImmutableCollections"), "the default list's classes of java/util: " + more.size());
        assertTrue(more.stream().filter(l -> l.startsWith("@")).allMatch(l -> l.startsWith("@indy ")), "names and sites");
        List<String> archived = ClassList.archiveList(List.of("lambdas"), indy, defaults);
        assertTrue(archived.stream().anyMatch(l -> l.startsWith("@lambda-form-invoker")), "the pregenerated forms");
    }

    /** The lines a dump takes for the script's sites, as a run of it would have recorded them. */
    @Test
    void aScriptsSitesGiveTheLinesARunWouldRecord() throws Exception {
        Path app = jar("sites", """
                public class sites {
                    public static void main(String[] a) { Runnable r = () -> System.out.println("x" + a.length); r.run(); }
                }
                """);
        ClassList.Scan scan = ClassList.scan(List.of(app));
        String lambda = scan.sites().stream().filter(l -> l.contains(" java/lang/invoke/LambdaMetafactory ")).findFirst().orElseThrow();
        String concat = scan.sites().stream().filter(l -> l.contains(" java/lang/invoke/StringConcatFactory ")).findFirst().orElseThrow();
        assertEquals("@lambda-proxy sites run ([Ljava/lang/String;)Ljava/lang/Runnable; ()V REF_invokeStatic sites "
                + "lambda$main$0 ([Ljava/lang/String;)V ()V", IndySites.lambdaProxy(lambda));
        assertEquals("", IndySites.lambdaProxy(concat), "only a lambda has a proxy class");
        String form = "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.Invokers$Holder linkToTargetMethod ";
        assertEquals(form + "LL_L", IndySites.linkerForm(lambda));
        assertEquals(form + "IL_L", IndySites.linkerForm(concat));
        assertEquals(form + "J3LIDL_V", IndySites.linkerForm("@indy c o n (x)V name (JJJLjava/lang/Object;ZD)V"),
                "a run of three or more as the letter and the count, boolean as int");
        assertTrue(ClassList.archiveList(List.of("sites"), scan, List.of()).contains(form + "IL_L"));

        // @cp: the script's class, and exactly its class, field and method references and factory sites,
        // as javap numbers its constant pool
        assertEquals(1, scan.resolved().size(), scan.resolved().toString());
        java.io.StringWriter javap = new java.io.StringWriter();
        java.util.spi.ToolProvider.findFirst("javap").orElseThrow().run(new java.io.PrintWriter(javap),
                new java.io.PrintWriter(new java.io.StringWriter()), "-v", "-cp", app.toString(), "sites");
        StringBuilder expected = new StringBuilder("@cp sites");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^\\s+#(\\d+) = (Class|Fieldref|Methodref|InterfaceMethodref|InvokeDynamic) ").matcher(javap.toString());
        while (m.find()) {
            expected.append(' ').append(m.group(1));
        }
        assertTrue(expected.toString().matches("@cp sites( \\d+){6,}"), javap.toString());
        assertEquals(expected.toString(), scan.resolved().get(0));
    }

    @Test
    void theProbeLinksTheScriptsLambdasAndRunsNoneOfItsCode() throws Exception {
        Path app = jar("probed", """
                public class probed {
                    static { System.out.println("the script's code ran"); }
                    public static void main(String[] a) { Runnable r = () -> System.out.println("x" + a.length); r.run(); }
                }
                """);
        Path home = Path.of(System.getProperty("java.home"));
        ClassList.Scan scan = ClassList.scan(List.of(app));
        Path names = dir.resolve("names");
        Files.write(names, ClassList.probeNames(scan, ClassList.defaults(home)));
        Path record = dir.resolve("record");
        String ownClasses = Path.of(ProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(home.resolve("bin/java").toString(), "-XX:DumpLoadedClassList=" + record,
                "-cp", app + java.io.File.pathSeparator + ownClasses, ProbeMain.class.getName(), names.toString())
                .redirectError(dir.resolve("err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        String err = Files.readString(dir.resolve("err"));
        assertEquals("", out, "the probe prints nothing, and runs no static initializer of the script's");
        List<String> recorded = Files.readAllLines(record);
        assertTrue(recorded.contains("probed"), "the script's class is loaded");
        // (linked by a bootstrap call, a site records the forms it uses, not its proxy: that takes the JVM's own linking)
        assertTrue(recorded.stream().anyMatch(l -> l.startsWith("@lambda-form-invoker [LF_RESOLVE]")),
                "its sites were linked: " + err);
        assertEquals("", err, "every site linked");
    }

    private Path jar(String name, String... sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        Path classes = Files.createDirectories(dir.resolve("classes-" + name));
        String[] args = new String[sources.length + 4];
        args[0] = "-d";
        args[1] = classes.toString();
        args[2] = "-cp";
        args[3] = dir.resolve("classes-lib").toString();
        for (int i = 0; i < sources.length; i++) {
            String cls = sources[i].replaceAll("(?s).*?public class (\\w+).*", "$1");
            Path f = src.resolve(cls + i + "/" + cls + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, sources[i]);
            args[i + 4] = f.toString();
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args));
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
