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
