package dev.jrun.build;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.boot.ScriptMain;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class files of dev.jrun.boot, read from wherever this JVM loaded them (jrun.jar, or a class
 * directory in jrun's own build), for the builder to copy into each entry's app.jar.
 */
final class BootClasses {
    private static final String DIR = ScriptMain.class.getPackageName().replace('.', '/') + "/";

    private BootClasses() {
    }

    /** Read once a JVM: a compile server builds many entries, and jrun's jar does not change under it. */
    private static volatile Map<String, byte[]> read;

    /** Their names in a jar (dev/jrun/boot/X.class) and bytes. */
    static Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> classes = read;
        if (classes == null) {
            classes = java.util.Collections.unmodifiableMap(readJar());
            read = classes;
        }
        return classes;
    }

    private static Map<String, byte[]> readJar() throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        Path source;
        try {
            source = Path.of(ScriptMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new JrunException(ExitCode.INTERNAL, "cannot find jrun's own classes: " + e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(DIR))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (isClass(f.getFileName().toString())) {
                        classes.put(DIR + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(DIR) && name.indexOf('/', DIR.length()) < 0 && isClass(name.substring(DIR.length()))) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            classes.put(name, in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (!classes.containsKey(DIR + ScriptMain.class.getSimpleName() + ".class")) {
            throw new JrunException(ExitCode.INTERNAL, "jrun's class " + ScriptMain.class.getName() + " is missing from " + source);
        }
        return classes;
    }

    private static boolean isClass(String fileName) {
        return fileName.endsWith(".class") && !fileName.equals("package-info.class");
    }
}
