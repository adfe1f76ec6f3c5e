package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** examples/gc-tune.java: every setting runs, and the figures bear out the talk's table. */
class MemoryGcTuneIT {
    static final String HEADER = "setting,jvm_flags,gogc,runs,wall_ms,cpu_ms,gc_count,gc_count_min,gc_count_max,"
            + "gc_cpu_ms,gc_cpu_ms_min,gc_cpu_ms_max,gc_pause_total_ms,gc_pause_max_ms,"
            + "peak_heap_mb,peak_heap_mb_min,peak_heap_mb_max,outcome";

    @TempDir
    Path dir;

    @Test
    void epsilonNeverCollectsAndExplodesInTheSmallHeapWhichCollectsMoreThanTheLargeOne() {
        Jrun.Result r = MemoryExamples.run(dir, "gc-tune.java", "--csv", "--runs", "1", "--live-mb", "16", "--churn-mb", "256");
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        assertEquals(List.of("small-heap", "large-heap", "g1", "serial", "parallel", "zgc", "epsilon",
                "epsilon-small-heap"), rows.stream().map(x -> x.get("setting")).toList(), r.out());
        for (Map<String, String> row : rows) {
            boolean oomRow = row.get("setting").equals("epsilon-small-heap");
            assertEquals(oomRow ? "OutOfMemoryError" : "ok", row.get("outcome"), row.toString());
            assertEquals("1", row.get("runs"), row.toString());
            assertTrue(Long.parseLong(row.get("wall_ms")) > 0 && Long.parseLong(row.get("cpu_ms")) > 0, row.toString());
            assertTrue(Double.parseDouble(row.get("peak_heap_mb")) > 16, "holds the 16 MB static set: " + row);
            assertTrue(Double.parseDouble(row.get("gc_pause_max_ms")) <= Double.parseDouble(row.get("gc_pause_total_ms")),
                    row.toString());
        }
        Map<String, String> small = rows.get(0);
        Map<String, String> large = rows.get(1);
        Map<String, String> epsilon = rows.get(6);
        assertTrue(small.get("jvm_flags").contains("-Xmx48m") && large.get("jvm_flags").contains("-Xmx128m"), r.out());
        assertEquals("GOGC≈200", small.get("gogc"), "48 MB for 16 live: Go's heap goal with GOGC=200");
        assertEquals("GOGC≈700", large.get("gogc"));
        assertEquals("GOGC=off", epsilon.get("gogc"));
        assertTrue(Long.parseLong(small.get("gc_count")) > Long.parseLong(large.get("gc_count")),
                "the small heap collects more often:\n" + r.out());
        assertTrue(Long.parseLong(rows.get(2).get("gc_count")) > 0 && Double.parseDouble(rows.get(2)
                .get("gc_pause_total_ms")) > 0, "G1 collected and paused:\n" + r.out());
        assertTrue(Long.parseLong(rows.get(4).get("gc_cpu_ms")) > 0, "Parallel's GC threads used CPU:\n" + r.out());
        for (Map<String, String> e : List.of(epsilon, rows.get(7))) {
            assertTrue(e.get("jvm_flags").contains("-XX:+UseEpsilonGC"), e.toString());
            assertEquals("0", e.get("gc_count"), "Epsilon never collects: " + e);
            assertEquals("0", e.get("gc_cpu_ms"), "Epsilon has no collector threads: " + e);
            assertEquals("0.00", e.get("gc_pause_total_ms"), e.toString());
        }
        assertTrue(Double.parseDouble(epsilon.get("peak_heap_mb")) > 256,
                "without collection the heap holds everything ever allocated: " + epsilon);
    }

    @Test
    void runsGiveMediansAndSpreadATableIn100ColumnsAndAChart() {
        Path svg = dir.resolve("gc.svg");
        List<String> settings = List.of("small-heap", "large-heap", "g1", "epsilon", "epsilon-small-heap");
        Jrun.Result r = MemoryExamples.run(dir, "gc-tune.java", "--runs", "2", "--live-mb", "8", "--churn-mb", "64",
                "--settings", String.join(",", settings), "--svg", svg.toString());
        String out = r.out();
        assertTrue(out.contains("median of 2 runs [lowest-highest]"), out);
        assertTrue(out.contains("peak heap: heap in use, not RSS"), out);
        assertTrue(out.contains("memory is tight -> shrink the heap (-Xmx32m, GOGC≈300) [large-heap]"), out);
        assertTrue(out.matches("(?s).*with\\s+-Xmx32m:\\s+OutOfMemoryError\\s+after\\s+\\d+\\s+ms.*"), out);
        assertTrue(out.contains("every run better, or every run worse"), out);
        assertTrue(out.matches("(?s).*\nsmall-heap +GOGC≈300 .*"), out);
        out.lines().forEach(l -> assertTrue(l.codePointCount(0, l.length()) <= 100, "over 100 columns: " + l));

        Map<String, Element> series = MemoryExamples.series(MemoryExamples.svg(svg));
        assertEquals(List.of("gc_count", "gc_cpu_ms", "peak_heap_mb"), List.copyOf(series.keySet()));
        for (Element s : series.values()) {
            List<Element> bars = MemoryExamples.elements(s, "rect", "bar");
            assertEquals(settings.size(), bars.size(), "a bar per setting");
            for (int i = 0; i < settings.size(); i++) {
                String title = bars.get(i).getTextContent();
                assertTrue(title.startsWith(settings.get(i) + " (GOGC"), title);
                assertTrue(title.contains("lowest") && title.contains("highest"), title);
            }
        }
        assertTrue(MemoryExamples.elements(series.get("gc_count"), "rect", "bar").get(3).getTextContent()
                .startsWith("epsilon (GOGC=off): median 0.0"), "Epsilon's bar: no collections");

        Jrun.Result help = MemoryExamples.run(dir, "gc-tune.java", "--help");
        assertTrue(help.out().contains(HEADER), help.out());
        Jrun.Result bad = Jrun.cmd(MemoryExamples.example("gc-tune.java").toString(), "--settings", "cms").dir(dir)
                .cache(dir.resolve("cache")).run();
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("unknown setting cms"), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }
}
