package dev.jrun.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply FIFOs made ahead of time ({@code p.0} to {@code p.N-1}), so that a client makes none: it
 * claims one by creating {@code c.N} with its pid in it (bash's noclobber: O_EXCL). A claim is
 * released (deleted) once its client has ended, never before: until then the client may still be
 * reading the answer, which would otherwise reach the next client of that FIFO.
 */
final class ReplyPool {
    static final int SIZE = 16;
    private final ServerDir dir;

    ReplyPool(ServerDir dir) {
        this.dir = dir;
    }

    /** Makes the FIFOs anew, with no claims (a server's start). */
    void make() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        for (int i = 0; i < SIZE; i++) {
            Files.deleteIfExists(dir.claim(i));
            Files.deleteIfExists(dir.pooled(i));
            cmd.add(dir.pooled(i).toString());
        }
        if (new ProcessBuilder(cmd).inheritIO().start().waitFor() != 0) {
            throw new IOException("mkfifo failed for the reply FIFOs in " + dir.dir());
        }
    }

    /** Deletes the FIFOs and claims (a server's end). */
    void remove() {
        for (int i = 0; i < SIZE; i++) {
            try {
                Files.deleteIfExists(dir.pooled(i));
                Files.deleteIfExists(dir.claim(i));
            } catch (IOException e) {
                // the next server's start deletes them
            }
        }
    }

    boolean isClaimedBy(int slot, long pid) {
        if (slot >= SIZE) {
            return false;
        }
        try {
            return Files.readString(dir.claim(slot), StandardCharsets.US_ASCII).strip().equals(Long.toString(pid))
                    && Request.owner(dir.claim(slot)) == Request.owner(Path.of("/proc/self/"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the claims of processes that are gone (or that never wrote their pid, after a while), except {@code busy}. */
    void sweep(java.util.function.IntPredicate busy) {
        for (int i = 0; i < SIZE; i++) {
            Path c = dir.claim(i);
            try {
                if (busy.test(i) || !Files.exists(c, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String pid = Files.readString(c, StandardCharsets.US_ASCII).strip();
                boolean gone = pid.isEmpty() ? Files.getLastModifiedTime(c).compareTo(
                        FileTime.from(Instant.now().minusSeconds(10))) < 0
                        : !pid.chars().allMatch(Character::isDigit) || pid.length() > 10
                                || ProcessHandle.of(Long.parseLong(pid)).isEmpty();
                if (gone) {
                    Files.deleteIfExists(c);
                }
            } catch (IOException | RuntimeException e) {
                // next time
            }
        }
    }
}
