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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** examples/profile.java, and jrun --jfr, whose recordings it reads. */
class MemoryProfileIT {
    static final String HEADER = "kind,rank,method,app_frame,weight,unit,percent,cum_percent";

    /** Burns CPU in spin() for a second and a half, then prints one line. */
    static final String BUSY = """
            public class busy {
                public static void main(String[] a) {
                    long h = 0, end = System.nanoTime() + 1_500_000_000L;
                    while (System.nanoTime() < end) h += spin(h);
                    System.out.println(h != 42 ? "done" : "");
                }
                static long spin(long x) {
                    for (int i = 0; i < 100_000; i++) x = x * 6364136223846793005L + i;
                    return x;
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void profileNamesTheWorkloadsHotMethodAndWhereItAllocates() {
        Jrun.Result r = MemoryExamples.run(dir, "profile.java", "--csv", "--seconds", "2", "--top", "5");
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        List<Map<String, String>> cpu = rows.stream().filter(x -> x.get("kind").equals("cpu")).toList();
        List<Map<String, String>> alloc = rows.stream().filter(x -> x.get("kind").equals("alloc")).toList();
        assertFalse(cpu.isEmpty() || alloc.isEmpty(), r.out());
        assertTrue(cpu.subList(0, Math.min(3, cpu.size())).stream()
                .anyMatch(x -> x.get("method").equals("Profile$Workload.checksum")), "the hot method:\n" + r.out());
        assertTrue(alloc.stream().anyMatch(x -> x.get("app_frame").startsWith("Profile$Workload.")),
                "allocation sites lead to the workload:\n" + r.out());
        for (Map<String, String> x : rows) {
            assertTrue(Double.parseDouble(x.get("cum_percent")) >= Double.parseDouble(x.get("percent")),
                    "a method is on the stack at least whenever it is on top: " + x);
        }
        assertEquals("1", cpu.get(0).get("rank"), r.out());
        assertEquals("samples", cpu.get(0).get("unit"), r.out());
        assertEquals("bytes", alloc.get(0).get("unit"), r.out());
    }

    @Test
    void runsGiveMedianSharesAConclusionFromThemAndAFlameGraph() {
        Path flame = dir.resolve("flame.svg");
        Jrun.Result r = MemoryExamples.run(dir, "profile.java", "--runs", "2", "--seconds", "1", "--top", "5",
                "--flame", flame.toString());
        String out = r.out();
        assertTrue(out.contains("in 2 runs of 1 s of Workload"), out);
        assertTrue(out.contains("flat%   sum%   cum%"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\n  (Profile\\$Workload\\.\\w+) +(\\d+\\.\\d)% \\[(\\d+)-(\\d+)\\]").matcher(out);
        assertTrue(m.find(), "the heaviest program frame, median [lowest-highest]: " + out);
        String heaviest = m.group(1);
        assertTrue(out.contains("CPU: most of it under " + heaviest + ", "), "the conclusion names the table's first frame: " + out);
        assertTrue(out.contains("; first in every one of the 2 runs") || out.contains("too close to call from 2 runs"), out);

        Element root = MemoryExamples.svg(flame).getDocumentElement();
        List<Element> frames = MemoryExamples.elements(root, "rect", "frame");
        assertTrue(frames.get(0).getTextContent().startsWith("all: "), "the root frame comes first");
        assertTrue(frames.stream().anyMatch(f -> f.getTextContent().startsWith("Profile$Workload.checksum: ")),
                "the workload's hot method is in the flame graph");
        assertTrue(frames.stream().anyMatch(f -> f.getTextContent().startsWith("Profile$Workload.line: ")));
    }

    @Test
    void jfrRecordsAnyScriptIntoScriptDotJfrAndSaysSo() throws IOException {
        Files.writeString(dir.resolve("busy.java"), BUSY);
        Jrun.Result r = Jrun.cmd("--jfr", "busy.java").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("done\n", r.out(), "the JVM's own JFR lines stay off stdout: " + r);
        Path jfr = dir.resolve("busy.java.jfr").toRealPath();
        assertTrue(r.err().contains("jrun: recording with Java Flight Recorder to " + jfr), r.err());
        assertTrue(Files.size(jfr) > 0);
        // and at the end, where the recording is and how to draw its flame graph (issue 17), with the
        // profile.java installed with jrun (an installed jrun has no examples/ directory: issue 26)
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile(
                "draw its flame graph with: jrun (\\S+/profile\\.java) --read " + java.util.regex.Pattern.quote(
                        dir.resolve("busy.java.jfr").toString()) + " --flame ").matcher(r.err());
        assertTrue(hint.find(), r.err());
        Path drawer = Path.of(hint.group(1));
        assertTrue(Files.isRegularFile(drawer), drawer.toString());
        assertFalse(drawer.startsWith(MemoryExamples.example("profile.java").getParent()), "the installed copy: " + drawer);

        Jrun.Result p = MemoryExamples.run(dir, "profile.java", "--csv", "--read", jfr.toString(), "--top", "3");
        Map<String, String> hottest = MemoryExamples.csv(p, HEADER).get(0);
        assertEquals("cpu", hottest.get("kind"), p.out());
        assertEquals("busy.spin", hottest.get("method"), p.out());

        // the flame graph of a recording made elsewhere: the command jrun --jfr points at
        Path flame = dir.resolve("busy.svg");
        Jrun.Result f = Jrun.cmd(drawer.toString(), "--read", jfr.toString(), "--flame", flame.toString())
                .dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(0, f.status(), f.toString());
        assertTrue(f.out().contains("flame graph: " + flame), f.out());
        List<Element> frames = MemoryExamples.elements(MemoryExamples.svg(flame).getDocumentElement(), "rect", "frame");
        assertTrue(frames.stream().anyMatch(x -> x.getTextContent().startsWith("busy.spin: ")), "busy.spin in the graph");
        assertTrue(frames.stream().anyMatch(x -> x.getTextContent().startsWith("busy.main: ")), "and its caller");

        // a second recording replaces the first, and says so
        Jrun.Result again = Jrun.cmd("--jfr", "busy.java").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.err().contains("to " + jfr + " (written when the script ends, replacing the recording there)"),
                again.err());

        Jrun.Result notJfr = Jrun.cmd(MemoryExamples.example("profile.java").toString(), "--read",
                dir.resolve("busy.java").toString(), "--flame", dir.resolve("x.svg").toString())
                .dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(1, notJfr.status(), notJfr.toString());
        assertEquals(1, notJfr.err().lines().count(), notJfr.toString());
        assertTrue(notJfr.err().startsWith("profile: "), notJfr.err());
    }

    @Test
    void jfrOptionsGetAFileNameUnlessTheyNameOne() throws IOException {
        Files.writeString(dir.resolve("busy.java"), BUSY.replace("1_500_000_000L", "100_000_000L"));
        Jrun.Result r = Jrun.cmd("--jfr=settings=profile", "busy.java").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(Files.size(dir.resolve("busy.java.jfr")) > 0, r.toString());
        Jrun.Result named = Jrun.cmd("--jfr=filename=out/run.jfr", "busy.java").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(1, named.status(), "the JVM refuses a directory that is not there: " + named);
        assertTrue(named.err().contains("out/run.jfr"), named.err());
        Files.createDirectory(dir.resolve("out"));
        named = Jrun.cmd("--jfr=filename=out/run.jfr", "busy.java").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(0, named.status(), named.toString());
        assertEquals("done\n", named.out());
        assertTrue(named.err().contains("to " + dir.toRealPath().resolve("out/run.jfr")), named.err());
        assertTrue(Files.size(dir.resolve("out/run.jfr")) > 0, named.toString());
    }
}
