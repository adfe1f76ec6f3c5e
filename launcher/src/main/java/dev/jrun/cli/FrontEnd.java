package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the jrun command (the sh front end) that started this JVM: the path it was run by, which
 * it passes in JRUN_FRONT_END; else the one whose JRUN_HOME is the directory of the jrun.jar on
 * our class path, at HOME/../../bin/jrun (./install's layout) or on PATH.
 */
final class FrontEnd {
    private FrontEnd() {
    }

    static Path path() {
        String given = System.getenv("JRUN_FRONT_END");
        if (given != null && !given.isEmpty() && given.contains("/") && Files.isExecutable(Path.of(given))) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path home = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("jrun.jar")) {
                home = Path.of(entry).toAbsolutePath().getParent();
            }
        }
        if (home != null) {
            List<Path> candidates = new ArrayList<>();
            Path prefix = home.getParent() == null ? null : home.getParent().getParent();
            if (prefix != null) {
                candidates.add(prefix.resolve("bin/jrun"));
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "jrun").toAbsolutePath());
                }
            }
            String mark = "JRUN_HOME='" + home + "'";
            for (Path c : candidates) {
                try {
                    if (Files.isExecutable(c) && Files.readString(c).contains(mark)) {
                        return c.normalize();
                    }
                } catch (IOException | RuntimeException e) {
                    // not it
                }
            }
        }
        throw new JrunException(ExitCode.SYSTEM, "cannot find the installed jrun command (run jrun from an installation:"
                + " ./install, or the Debian package)");
    }
}
