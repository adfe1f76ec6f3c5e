package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a script that an editor is saving in place (truncated, then written). */
class ScriptTest {
    @TempDir
    Path dir;

    @Test
    void aScriptJustEmptiedByAnInPlaceSaveIsWaitedFor() throws Exception {
        Path f = dir.resolve("s.java");
        Files.writeString(f, ""); // truncated just now; the text comes a moment later
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
                Files.writeString(f, "class s {}\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Script s = Script.read(f, "s.java");
        writer.join();
        assertEquals("class s {}\n", s.text());
    }

    @Test
    void anEmptyScriptNotWrittenLatelyIsReportedAtOnce() throws Exception {
        Path f = dir.resolve("e.java");
        Files.writeString(f, "");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
        long start = System.nanoTime();
        JrunException e = assertThrows(JrunException.class, () -> Script.read(f, "e.java"));
        assertEquals(ExitCode.SCRIPT, e.status());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertTrue(System.nanoTime() - start < Settle.QUIET_MILLIS * 1_000_000L,
                "not waited for: it was not being saved");
    }
}
