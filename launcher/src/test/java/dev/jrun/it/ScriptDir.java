package dev.jrun.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A test's own directory for scripts, with its own cache root, and jrun run there. */
public abstract class ScriptDir {
    @TempDir
    protected Path dir;

    /** The cache root of the test's runs. */
    protected Path cache() {
        return dir.resolve("cache");
    }

    /** Writes a file (UTF-8) under the test's directory, making its parents. */
    protected Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** jrun in the test's directory, with the test's cache root. */
    protected Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(cache());
    }
}
