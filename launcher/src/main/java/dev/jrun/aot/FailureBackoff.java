package dev.jrun.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A maker's failure, left in {@code aot.failed} for {@code --verbose}: the reason on its first line,
 * the count of failures in a row on its second, and the time of the next try as the file's time
 * (the front end tries again once a run is newer than it): ten minutes after the first failure,
 * doubling with each one in a row, at most a day.
 */
final class FailureBackoff {
    static final Duration FIRST = Duration.ofMinutes(10);
    static final Duration MAX = Duration.ofDays(1);

    private FailureBackoff() {
    }

    /** How long to wait after the {@code attempt}-th failure in a row (1 for the first). */
    static Duration after(int attempt) {
        Duration wait = FIRST.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 10));
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    /** Records a failure in {@code failed}; setting the time of an existing file needs no disk space. */
    static void record(Path failed, String why) {
        int attempt = 1;
        try {
            List<String> old = Files.readAllLines(failed, StandardCharsets.UTF_8);
            if (old.size() > 1 && old.get(1).startsWith("attempt ")) {
                attempt = Integer.parseInt(old.get(1).substring(8).trim()) + 1;
            }
        } catch (IOException | RuntimeException e) {
            // the first failure
        }
        try {
            try {
                Files.writeString(failed, why.replace('\n', ' ') + "\nattempt " + attempt + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (!Files.exists(failed)) {
                    Files.createFile(failed);
                }
            }
            Files.setLastModifiedTime(failed, FileTime.from(Instant.now().plus(after(attempt))));
        } catch (IOException e) {
            // the entry is gone, or not even an empty file fits: the next run tries again
        }
    }
}
