package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code jrun cache gc}'s --older-than and --max-size values, and the sizes it prints. */
class CacheCommandTest {
    @Test
    void durationsHaveAUnit() {
        assertEquals(Duration.ofDays(30), CacheCommand.duration("30d"));
        assertEquals(Duration.ofHours(12), CacheCommand.duration("12H"));
        assertEquals(Duration.ofMinutes(90), CacheCommand.duration(" 90m "));
        assertEquals(Duration.ofSeconds(45), CacheCommand.duration("45s"));
        assertEquals(Duration.ofDays(14), CacheCommand.duration("2w"));
        assertEquals(Duration.ofDays(7), CacheCommand.duration("007d"));
    }

    @Test
    void zeroNeedsNoUnit() {
        assertEquals(Duration.ZERO, CacheCommand.duration("0"));
        assertEquals(Duration.ZERO, CacheCommand.duration("00"));
        assertEquals(Duration.ZERO, CacheCommand.duration("0s"));
    }

    @Test
    void anythingElseIsAUsageError() {
        for (String bad : new String[] {"5", "1.5h", "-1d", "d", "", "30 d", "30dd", "1y", "30days", "P30D"}) {
            JrunException e = assertThrows(JrunException.class, () -> CacheCommand.duration(bad), bad);
            assertEquals(ExitCode.USAGE, e.status());
            assertEquals("--older-than " + bad + ": not a duration; write a number and a unit: 30d, 12h, 90m, 45s, 2w (or 0)",
                    e.getMessage());
        }
    }

    @Test
    void aDurationTooLongIsAUsageErrorNotAnInternalOne() {
        for (String huge : new String[] {"99999999999999999999d", "999999999999999d", "1317624576693539401w"}) {
            JrunException e = assertThrows(JrunException.class, () -> CacheCommand.duration(huge), huge);
            assertEquals(ExitCode.USAGE, e.status());
        }
    }

    @Test
    void sizesInBytesOrBinaryUnits() {
        assertEquals(123, CacheCommand.size("123"));
        assertEquals(100 * 1024, CacheCommand.size("100k"));
        assertEquals(1536, CacheCommand.size("1.5K"));
        assertEquals(500L << 20, CacheCommand.size("500M"));
        assertEquals(500L << 20, CacheCommand.size("500 MB"));
        assertEquals(2L << 30, CacheCommand.size("2G"));
        assertEquals(2L << 30, CacheCommand.size("2GiB"));
        assertEquals(1L << 40, CacheCommand.size("1t"));
        assertEquals(0, CacheCommand.size("0"));
        for (String bad : new String[] {"", "M", "-1M", "1.M", "5X", "1,5G", "2 G B"}) {
            JrunException e = assertThrows(JrunException.class, () -> CacheCommand.size(bad), bad);
            assertEquals(ExitCode.USAGE, e.status());
            assertEquals("--max-size " + bad + ": not a size; write 500M, 2G, 100k or a number of bytes", e.getMessage());
        }
    }

    @Test
    void sizesPrintShort() {
        assertEquals("0B", CacheCommand.bytes(0));
        assertEquals("1023B", CacheCommand.bytes(1023));
        assertEquals("1.0K", CacheCommand.bytes(1024));
        assertEquals("1.5K", CacheCommand.bytes(1536));
        assertEquals("10K", CacheCommand.bytes(10 * 1024));
        assertEquals("500M", CacheCommand.bytes(500L << 20));
        assertEquals("2.0G", CacheCommand.bytes(2L << 30));
        assertEquals("2048T", CacheCommand.bytes(2048L << 40));
    }
}
