package dev.jrun.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryShortTest {
    private static String info(long totalKb, long availableKb) {
        return "MemTotal:       " + totalKb + " kB\nMemFree:        1000 kB\nMemAvailable:   " + availableKb + " kB\n";
    }

    @Test
    void shortBelowATenthOrAQuarterGibibyte() {
        assertFalse(MemoryShort.of(info(24_000_000, 23_000_000)));
        assertTrue(MemoryShort.of(info(24_000_000, 2_000_000)), "less than a tenth");
        assertTrue(MemoryShort.of(info(1_000_000, 200_000)), "less than 256 MiB");
        assertFalse(MemoryShort.of(info(1_000_000, 300_000)));
        assertFalse(MemoryShort.of("MemTotal: 100 kB\n"), "no MemAvailable (an old kernel): no way to tell");
    }
}
