package dev.jrun.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the machine is short of memory, from {@code /proc/meminfo}: an idle compile server then
 * goes (the next build starts in the builder JVM, and starts a server again), rather than be what
 * the kernel swaps out or kills. Short: less than {@value #MIN_AVAILABLE_MIB} MiB, or less than a
 * tenth of the memory, available. {@code JRUN_SERVER_MEMINFO} names another file, for tests.
 */
final class MemoryShort {
    static final long MIN_AVAILABLE_MIB = 256;

    private MemoryShort() {
    }

    static boolean now(Path meminfo) {
        try {
            return of(Files.readString(meminfo));
        } catch (IOException | RuntimeException e) {
            return false; // no way to tell: not short
        }
    }

    /** From the text of /proc/meminfo ("MemTotal: N kB", "MemAvailable: N kB"). */
    static boolean of(String meminfo) {
        long total = -1;
        long available = -1;
        for (String line : meminfo.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("MemTotal:")) {
                total = Long.parseLong(w[1]);
            } else if (w.length >= 2 && w[0].equals("MemAvailable:")) {
                available = Long.parseLong(w[1]);
            }
        }
        if (total <= 0 || available < 0) {
            return false;
        }
        return available < MIN_AVAILABLE_MIB * 1024 || available * 10 < total;
    }
}
