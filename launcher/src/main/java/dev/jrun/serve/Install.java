package dev.jrun.serve;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** The jars this JVM runs jrun from, as they were when it started: a server of a replaced install stops. */
final class Install {
    private final List<Path> jars;
    private final List<String> seen;

    private Install(List<Path> jars) {
        this.jars = jars;
        this.seen = state();
    }

    static Install ofThisJvm() {
        List<Path> jars = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (p.endsWith(".jar")) {
                jars.add(Path.of(p));
            }
        }
        return new Install(jars.subList(0, Math.min(1, jars.size()))); // jrun.jar, first on the class path
    }

    boolean unchanged() {
        return state().equals(seen);
    }

    private List<String> state() {
        List<String> out = new ArrayList<>();
        for (Path jar : jars) {
            try {
                BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                out.add(a.fileKey() + " " + a.size() + " " + a.lastModifiedTime());
            } catch (IOException e) {
                out.add("gone");
            }
        }
        return out;
    }
}
