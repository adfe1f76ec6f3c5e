package dev.jrun.deps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The resolver downloads into a temporary file beside the artifact ({@code NAME.RANDOM.tmp}) and
 * renames it when complete; a download that was killed leaves that file for good. After resolving,
 * the directories of the artifacts get such files removed once nothing has written to them for a
 * while (a download in progress, by another process, keeps writing to its file).
 */
final class Leftovers {
    private static final Duration STALE = Duration.ofMinutes(10);

    private Leftovers() {
    }

    static void sweep(Path dir) {
        if (dir == null) {
            return;
        }
        Instant stale = Instant.now().minus(STALE);
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path t : tmps) {
                if (Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException e) {
            // a courtesy: what cannot be removed now is removed by a later run
        }
    }
}
