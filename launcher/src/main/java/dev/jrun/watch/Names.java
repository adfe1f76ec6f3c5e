package dev.jrun.watch;

import java.nio.file.Path;

/** Paths as messages show them: relative to the working directory when they are below it. */
final class Names {
    private Names() {
    }

    static String of(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }
}
