package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/gc-tune.java: every setting runs, and the figures bear out the talk's table. */
class MemoryGcTuneIT {
    static final String HEADER =
            "setting,jvm_flags,wall_ms,cpu_ms,gc_count,gc_pause_total_ms,gc_pause_max_ms,peak_heap_mb,outcome";

    @TempDir
    Path dir;

    @Test
    void epsilonNeverCollectsAndExplodesInTheSmallHeapWhichCollectsMoreThanTheLargeOne() {
        Jrun.Result r = MemoryExamples.run(dir, "gc-tune.java", "--csv", "--live-mb", "16", "--churn-mb", "256");
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        assertEquals(List.of("small-heap", "large-heap", "g1", "serial", "parallel", "zgc", "epsilon",
                "epsilon-small-heap"), rows.stream().map(x -> x.get("setting")).toList(), r.out());
        for (Map<String, String> row : rows) {
            boolean oomRow = row.get("setting").equals("epsilon-small-heap");
            assertEquals(oomRow ? "OutOfMemoryError" : "ok", row.get("outcome"), row.toString());
            assertTrue(Long.parseLong(row.get("wall_ms")) > 0 && Long.parseLong(row.get("cpu_ms")) > 0, row.toString());
            assertTrue(Double.parseDouble(row.get("peak_heap_mb")) > 16, "holds the 16 MB static set: " + row);
            assertTrue(Double.parseDouble(row.get("gc_pause_max_ms")) <= Double.parseDouble(row.get("gc_pause_total_ms")),
                    row.toString());
        }
        Map<String, String> small = rows.get(0);
        Map<String, String> large = rows.get(1);
        Map<String, String> epsilon = rows.get(6);
        assertTrue(small.get("jvm_flags").contains("-Xmx48m") && large.get("jvm_flags").contains("-Xmx128m"), r.out());
        assertTrue(Long.parseLong(small.get("gc_count")) > Long.parseLong(large.get("gc_count")),
                "the small heap collects more often:\n" + r.out());
        assertTrue(Long.parseLong(rows.get(2).get("gc_count")) > 0 && Double.parseDouble(rows.get(2)
                .get("gc_pause_total_ms")) > 0, "G1 collected and paused:\n" + r.out());
        for (Map<String, String> e : List.of(epsilon, rows.get(7))) {
            assertTrue(e.get("jvm_flags").contains("-XX:+UseEpsilonGC"), e.toString());
            assertEquals("0", e.get("gc_count"), "Epsilon never collects: " + e);
            assertEquals("0.00", e.get("gc_pause_total_ms"), e.toString());
        }
        assertTrue(Double.parseDouble(epsilon.get("peak_heap_mb")) > 256,
                "without collection the heap holds everything ever allocated: " + epsilon);
    }

    @Test
    void tableFromTheFiguresHelpAndBadOptions() {
        Jrun.Result r = MemoryExamples.run(dir, "gc-tune.java", "--live-mb", "8", "--churn-mb", "64", "--settings",
                "small-heap,large-heap,g1,epsilon,epsilon-small-heap");
        assertTrue(r.out().contains("situation") && r.out().contains("memory is tight")
                && r.out().contains("-XX:+UseEpsilonGC (never collect)"), r.out());
        assertTrue(r.out().contains("OutOfMemoryError after"), r.out());
        Jrun.Result help = MemoryExamples.run(dir, "gc-tune.java", "--help");
        assertTrue(help.out().contains(HEADER), help.out());
        Jrun.Result bad = Jrun.cmd(MemoryExamples.example("gc-tune.java").toString(), "--settings", "cms").dir(dir)
                .cache(dir.resolve("cache")).run();
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("unknown setting cms"), bad.err());
    }
}
