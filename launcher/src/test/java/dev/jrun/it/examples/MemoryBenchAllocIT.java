package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/bench-alloc.java: JMH under jrun, its annotation processor included (//DEPS), forks
 * JVMs that find the script's class path, and reports scores with -prof gc's bytes per operation.
 */
class MemoryBenchAllocIT {
    static final String HEADER = "benchmark,escape_analysis,ns_per_op,ns_error,bytes_per_op";

    @TempDir
    Path dir;

    @Test
    void jmhProducesScoresAndAllocationFigures() throws java.io.IOException {
        // JMH leaves its lock file in java.io.tmpdir; the test removes it if it made it
        Path jmhLock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        boolean hadLock = java.nio.file.Files.exists(jmhLock);
        Jrun.Result r;
        try {
            r = MemoryExamples.run(dir, "bench-alloc.java", "--csv", "--warmup", "1", "--iterations", "2",
                    "--time-ms", "200");
        } finally {
            if (!hadLock) {
                java.nio.file.Files.deleteIfExists(jmhLock);
            }
        }
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        assertEquals(4, rows.size(), r.out());
        List<String> key = List.of("benchmark", "escape_analysis");
        for (Map<String, String> row : rows) {
            assertTrue(Double.parseDouble(row.get("ns_per_op")) > 0, "a score: " + row);
            assertTrue(Double.parseDouble(row.get("bytes_per_op")) >= 0, row.toString());
        }
        double buffer = Double.parseDouble(MemoryExamples.row(rows, key, "fillsCallerBuffer", "on").get("bytes_per_op"));
        assertTrue(buffer < 1, "the caller's buffer is reused: " + r.out());
        double fresh = Double.parseDouble(MemoryExamples.row(rows, key, "returnsNewArray", "off").get("bytes_per_op"));
        assertTrue(fresh >= 32, "without escape analysis each call allocates its array: " + r.out());
    }
}
