package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.HashSet;
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
        Jrun.Result r = Jrun.cmd(Server.example("reuseport.java"), "--workers", "3", "--connections", "150")
                .cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        String out = r.out();
        Matcher parent = Pattern.compile("^pid (\\d+): 3 worker processes").matcher(out);
        assertTrue(parent.find(), out);
        String[] modes = out.split("\n\n");
        assertEquals(3, modes.length, out);
        assertTrue(modes[1].startsWith("(a) one shared listening socket"), out);
        assertTrue(modes[2].startsWith("(b) SO_REUSEPORT"), out);
        Set<Long> allPids = new HashSet<>();
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
        }
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("reuseport.java"), "--help").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: reuseport.java"), r.out());
    }
}
