package dev.jrun.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planner.inputFiles: what jrun --watch watches, found as a build finds it, without resolving //DEPS. */
class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void theScriptItsSourcesItsFilesAndTheirGlobs() throws Exception {
        Path real = dir.toRealPath();
        Files.createDirectories(real.resolve("lib"));
        Files.writeString(real.resolve("lib/A.java"), "//SOURCES ../B.java\nclass A {}\n");
        Files.writeString(real.resolve("B.java"), "class B {}\n");
        Files.writeString(real.resolve("res.txt"), "data\n");
        Files.writeString(real.resolve("more.txt"), "more\n");
        Path script = real.resolve("app.java");
        Files.writeString(script, "//DEPS no.such:artifact:1.0\n//SOURCES lib/*.java\n//FILES res.txt\n"
                + "public class app { public static void main(String[] a) {} }\n");

        InputFiles files = Planner.inputFiles(Script.read(script, "app.java"),
                List.of(Directive.ofOption("FILES", real.resolve("more.txt").toString(), "--files")));

        assertEquals(List.of(script, real.resolve("lib/A.java"), real.resolve("B.java"), real.resolve("res.txt"),
                real.resolve("more.txt")), files.files());
        assertEquals(List.of(new InputFiles.Glob(real, "lib/*.java")), files.globs());
        assertEquals(List.of(real.resolve("lib/A.java")), files.globs().get(0).matches());
    }
}
