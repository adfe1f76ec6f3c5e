package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/reuseport.java: worker processes, one shared socket in (a), one socket each in (b), counts that add up. */
class ReusePortIT {
    @TempDir
    static Path cache;

    @Test
    void bothModesSpreadTheBurstOverWorkerProcesses() throws Exception {
        Path svg = cache.resolve("latency.svg");
        Jrun.Result r = Jrun.cmd(Server.example("reuseport.java"), "--workers", "3", "--connections", "150", "--runs", "1",
                "--slow-ms", "10", "--svg", svg.toString()).cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        Matcher parent = Pattern.compile("^pid (\\d+): 3 worker processes.*worker 0 is slow \\(10 ms").matcher(out);
        assertTrue(parent.find(), out);
        String[] modes = out.split("\n\n");
        assertEquals(4, modes.length, out);
        assertTrue(modes[1].startsWith("(a) one shared listening socket"), out);
        assertTrue(modes[2].startsWith("(b) SO_REUSEPORT"), out);
        Set<Long> allPids = new HashSet<>();
        double[] p99 = new double[2];
        for (int mode = 1; mode <= 2; mode++) {
            String section = modes[mode];
            Matcher sockets = Pattern.compile("listening sockets: (\\d+) \\[(socket:\\[\\d+\\](, )?)+\\]").matcher(section);
            assertTrue(sockets.find(), section);
            assertEquals(mode == 1 ? 1 : 3, Integer.parseInt(sockets.group(1)), section);   // one queue vs three
            Matcher w = Pattern.compile("worker (\\d)  pid (\\d+) +(\\d+) connections").matcher(section);
            int sum = 0, max = 0, min = Integer.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                assertTrue(w.find(), section);
                assertEquals(i, Integer.parseInt(w.group(1)), section);
                long pid = Long.parseLong(w.group(2));
                assertTrue(allPids.add(pid), "pid " + pid + " twice: " + out);
                assertFalse(pid == Long.parseLong(parent.group(1)), out);
                assertFalse(ProcessHandle.of(pid).isPresent(), "worker " + pid + " still runs");
                int n = Integer.parseInt(w.group(3));
                sum += n;
                max = Math.max(max, n);
                min = Math.min(min, n);
            }
            assertEquals(150, sum, section);
            String spread = min == 0 ? max + "/0, a worker got none" : String.format("%d/%d = %.2f", max, min, (double) max / min);
            assertTrue(section.contains("spread (max/min): " + spread), section);
            if (mode == 2) {
                assertTrue(min > 0, "the kernel's hash gave a worker none of 150: " + section);
            }
            Matcher latency = Pattern.compile("latency \\(connect to answer\\): p50 ([0-9.]+) ms  p90 ([0-9.]+) ms  "
                    + "p99 ([0-9.]+) ms  max ([0-9.]+) ms").matcher(section);
            assertTrue(latency.find(), section);
            assertTrue(Double.parseDouble(latency.group(1)) <= Double.parseDouble(latency.group(3)), section);
            p99[mode - 1] = Double.parseDouble(latency.group(3));
            assertTrue(section.contains(mode == 1 ? "uneven counts, short waits" : "even counts, a long tail"), section);
        }
        assertTrue(modes[3].contains("p99 latency: " + String.format(java.util.Locale.ROOT, "%.1f", p99[0])
                + " ms with one shared queue, " + String.format(java.util.Locale.ROOT, "%.1f", p99[1])), modes[3]);
        // the talk's point: behind a slow worker, its own queue (b) waits; the shared queue (a) goes to the others
        assertTrue(p99[0] < p99[1], "p99 (a) " + p99[0] + " ms, (b) " + p99[1] + " ms:\n" + out);
        java.util.Map<String, org.w3c.dom.Element> series = MemoryExamples.series(MemoryExamples.svg(svg));
        assertEquals(List.of("mode-a", "mode-b"), List.copyOf(series.keySet()));
        for (org.w3c.dom.Element s : series.values()) {
            List<org.w3c.dom.Element> line = MemoryExamples.elements(s, "polyline", null);
            assertEquals(1, line.size());
            assertEquals(150, line.get(0).getAttribute("points").split(" ").length, "a point per connection");
        }
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("reuseport.java"), "--help").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: reuseport.java"), r.out());
    }
}
