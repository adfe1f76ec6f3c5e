package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/bench-alloc.java: JMH under jrun, its annotation processor included (//DEPS), forks
 * JVMs that find the script's class path, and reports medians with -prof gc's bytes per operation;
 * --save and --compare, benchstat's part, on samples whose answer is known.
 */
class MemoryBenchAllocIT {
    static final String HEADER =
            "benchmark,escape_analysis,samples,ns_per_op_median,ns_per_op_min,ns_per_op_max,spread_pct,bytes_per_op";
    static final String SAVE_HEADER = "benchmark,escape_analysis,run,iteration,ns_per_op,bytes_per_op";

    @TempDir
    Path dir;

    @Test
    void jmhProducesSamplesAndAllocationFiguresAndSavesThem() throws IOException {
        // JMH leaves its lock file in java.io.tmpdir; the test removes it if it made it
        Path jmhLock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        boolean hadLock = Files.exists(jmhLock);
        Jrun.Result r;
        Path saved = dir.resolve("run.csv");
        try {
            r = MemoryExamples.run(dir, "bench-alloc.java", "--csv", "--runs", "2", "--warmup", "1", "--iterations", "2",
                    "--time-ms", "200", "--save", saved.toString());
        } finally {
            if (!hadLock) {
                Files.deleteIfExists(jmhLock);
            }
        }
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        assertEquals(4, rows.size(), r.out());
        List<String> key = List.of("benchmark", "escape_analysis");
        for (Map<String, String> row : rows) {
            assertEquals("4", row.get("samples"), "2 runs x 2 iterations: " + row);
            double min = Double.parseDouble(row.get("ns_per_op_min"));
            double median = Double.parseDouble(row.get("ns_per_op_median"));
            double max = Double.parseDouble(row.get("ns_per_op_max"));
            assertTrue(0 < min && min <= median && median <= max, row.toString());
        }
        double buffer = Double.parseDouble(MemoryExamples.row(rows, key, "fillsCallerBuffer", "on").get("bytes_per_op"));
        assertTrue(buffer < 1, "the caller's buffer is reused: " + r.out());
        for (String ea : List.of("on", "off")) {
            double fresh = Double.parseDouble(MemoryExamples.row(rows, key, "returnsNewArray", ea).get("bytes_per_op"));
            assertTrue(fresh >= 32, "the Blackhole sees the array, so it is allocated, escape analysis " + ea + ": " + r.out());
        }
        List<String> lines = Files.readAllLines(saved);
        assertEquals(SAVE_HEADER, lines.get(0));
        assertEquals(1 + 4 * 4, lines.size(), String.join("\n", lines));

        Jrun.Result same = MemoryExamples.run(dir, "bench-alloc.java", "--compare", saved.toString(), saved.toString());
        assertTrue(same.out().contains("returnsNewArray (escape analysis off)"), same.out());
        assertFalse(same.out().lines().anyMatch(l -> l.matches(".*[+-][0-9.]+%  .*\\[.*")), "a run against itself: " + same.out());
    }

    /** benchstat's answers on samples crafted to differ by 100%, and to be equal. */
    @Test
    void compareFindsAKnownDifferenceAndNoneBetweenEqualSamples() throws IOException {
        Path old = write("old.csv", 10.0, 10.2, 9.9, 10.1, 9.8, 10.05);
        Path doubled = write("doubled.csv", 20.0, 20.3, 19.8, 20.1, 19.9, 20.2);
        Path same = write("same.csv", 10.1, 9.95, 10.0, 10.15, 9.85, 10.02);

        Jrun.Result d = MemoryExamples.run(dir, "bench-alloc.java", "--compare", old.toString(), doubled.toString());
        Matcher m = Pattern.compile("returnsNewArray \\(escape analysis on\\) +10\\.025 ±\\d+% n=6 +20\\.050 ±\\d+% n=6 +"
                + "\\+100\\.0% +\\[\\+(\\d+\\.\\d)%, \\+(\\d+\\.\\d)%\\] +(0\\.\\d+)").matcher(d.out());
        assertTrue(m.find(), d.out());
        double lo = Double.parseDouble(m.group(1)), hi = Double.parseDouble(m.group(2)), p = Double.parseDouble(m.group(3));
        assertTrue(lo < 100 && 100 < hi && hi - lo < 10, "the interval holds the true +100% and is narrow: " + d.out());
        assertTrue(p < 0.05, "significant: " + d.out());

        Jrun.Result e = MemoryExamples.run(dir, "bench-alloc.java", "--compare", old.toString(), same.toString());
        m = Pattern.compile("returnsNewArray \\(escape analysis on\\) +10\\.025 ±\\d+% n=6 +10\\.010 ±\\d+% n=6 +~ +"
                + "\\[(-\\d+\\.\\d)%, \\+(\\d+\\.\\d)%\\] +(\\d\\.\\d+)").matcher(e.out());
        assertTrue(m.find(), e.out());
        assertTrue(Double.parseDouble(m.group(3)) >= 0.05, e.out());

        Jrun.Result bad = Jrun.cmd(MemoryExamples.example("bench-alloc.java").toString(), "--compare", old.toString(),
                dir.resolve("missing.csv").toString()).dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(1, bad.status(), bad.toString());
        assertEquals("bench-alloc: no such file: " + dir.resolve("missing.csv") + "\n", bad.err());
        Jrun.Result notSaved = Jrun.cmd(MemoryExamples.example("bench-alloc.java").toString(), "--compare", old.toString(),
                MemoryExamples.example("bench-alloc.java").toString()).dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(1, notSaved.status(), notSaved.toString());
        assertEquals(1, notSaved.err().lines().count(), notSaved.toString());
        assertTrue(notSaved.err().contains("not a file written by --save"), notSaved.err());
    }

    Path write(String name, double... ns) throws IOException {
        StringBuilder b = new StringBuilder(SAVE_HEADER + "\n");
        for (int i = 0; i < ns.length; i++) {
            b.append("returnsNewArray,on,").append(i / 3 + 1).append(',').append(i % 3 + 1).append(',').append(ns[i])
                    .append(",48.0\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }
}
