package dev.jrun.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureBackoffTest {
    @TempDir
    Path dir;

    @Test
    void tenMinutesDoublingToADay() {
        assertEquals(Duration.ofMinutes(10), FailureBackoff.after(1));
        assertEquals(Duration.ofMinutes(20), FailureBackoff.after(2));
        assertEquals(Duration.ofMinutes(640), FailureBackoff.after(7));
        assertEquals(Duration.ofMinutes(1280), FailureBackoff.after(8));
        assertEquals(Duration.ofDays(1), FailureBackoff.after(9));
        assertEquals(Duration.ofDays(1), FailureBackoff.after(1000));
        assertEquals(Duration.ofMinutes(10), FailureBackoff.after(0));
    }

    @Test
    void countsFailuresInARowAndDatesTheNextTry() throws Exception {
        Path failed = dir.resolve("aot.failed");
        FailureBackoff.record(failed, "the dump failed\n(status 1)");
        assertEquals(List.of("the dump failed (status 1)", "attempt 1"), Files.readAllLines(failed));
        Instant first = Files.getLastModifiedTime(failed).toInstant();
        assertTrue(first.isAfter(Instant.now().plus(Duration.ofMinutes(9))), first.toString());
        FailureBackoff.record(failed, "again");
        assertEquals(List.of("again", "attempt 2"), Files.readAllLines(failed));
        assertTrue(Files.getLastModifiedTime(failed).toInstant().isAfter(Instant.now().plus(Duration.ofMinutes(19))));
        Files.writeString(failed, "garbage");
        FailureBackoff.record(failed, "third");
        assertEquals(List.of("third", "attempt 1"), Files.readAllLines(failed));
    }
}
