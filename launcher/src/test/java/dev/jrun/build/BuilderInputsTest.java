package dev.jrun.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a build makes before it is published: do the files it read still hold what it read? */
class BuilderInputsTest {
    @TempDir
    Path dir;

    @Test
    void filesAsTheyWereReadAreUnchanged() throws Exception {
        Path a = Files.writeString(dir.resolve("a.java"), "class a {}");
        Path b = Files.writeString(dir.resolve("data.txt"), "x");
        assertFalse(Builder.anyChanged(List.of(a, b), List.of(sum("class a {}"), sum("x"))));
    }

    @Test
    void aFileSavedSinceItWasReadOrGoneIsChanged() throws Exception {
        Path a = Files.writeString(dir.resolve("a.java"), "class a {} class b {}");
        assertTrue(Builder.anyChanged(List.of(a), List.of(sum("class a {}"))));
        assertTrue(Builder.anyChanged(List.of(dir.resolve("gone.java")), List.of(sum(""))));
    }

    private static String sum(String text) {
        return Hashing.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
