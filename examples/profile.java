#!/usr/bin/env jrun
//DESCRIPTION Optimising without a blindfold: runs a workload under Java Flight Recorder and prints,
//DESCRIPTION from the recording, the hottest methods and the top allocation sites (the JVM's
//DESCRIPTION pprof), with --flame a flame graph (SVG). --read FILE.jfr does the same for any recording,
//DESCRIPTION e.g. one made by jrun --jfr.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Go has pprof; the JVM has Java Flight Recorder, always built in, cheap enough for production.
 * This script records its own workload (a log summariser with a deliberately slow checksum and a
 * wasteful formatter) --runs times, then reads the recordings back with jdk.jfr.consumer, as
 * pprof's "top" does, and draws the execution samples' stacks as a flame graph.
 */
public class Profile {
    static final String CSV_HEADER = "kind,rank,method,app_frame,weight,unit,percent,cum_percent";
    static final String USAGE = """
            usage: profile.java [--csv] [--runs N] [--seconds N] [--top N] [--keep FILE.jfr] [--flame FILE.svg]
                   profile.java [--csv] [--top N] [--flame FILE.svg] --read FILE.jfr

            Runs a workload --runs times (default 3) for --seconds each (default 3) under Java
            Flight Recorder (settings "profile", execution sampled every 10 ms, up to 1000
            allocation samples a second), then prints from the recordings the --top (default 10)
            methods found running most often (jdk.ExecutionSample: the top frame of each sample;
            cum %%: the samples with the method anywhere on the stack) and the allocation sites with
            the most bytes (jdk.ObjectAllocationSample, weighted); only the workload's thread counts.
            For each, the first frame in the program's own code (not java.*, jdk.*, sun.*), which
            is where to look, and per program frame the median share over the runs with its range.
            --keep saves the (first) recording (for jfr print, or JDK Mission Control); --read
            analyses a recording made elsewhere (all threads), e.g. by jrun --jfr; --flame writes
            the flame graph of the execution samples as SVG (open it in a browser).

              --csv   print CSV only, first line:
                      %s
                      kind is cpu or alloc; weight is samples (cpu) or bytes (alloc)
            """.formatted(CSV_HEADER);

    /** The workload runs in a thread of this name, and only its samples count (not JFR's own work). */
    static final String WORKLOAD_THREAD = "workload";

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IOException e) {
            System.err.println("profile: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        boolean csv = false;
        int runs = 3;
        int seconds = 3;
        int top = 10;
        Path keep = null;
        Path read = null;
        Path flame = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--csv" -> csv = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--keep", "--read", "--flame" -> {
                    if (i + 1 == args.length || args[i + 1].isEmpty()) {
                        usage(a + " needs a file name");
                    }
                    Path p = Path.of(args[++i]);
                    switch (a) {
                        case "--keep" -> keep = p;
                        case "--read" -> read = p;
                        default -> flame = p;
                    }
                }
                case "--seconds", "--top", "--runs" -> {
                    int n = -1;
                    try {
                        n = i + 1 < args.length ? Integer.parseInt(args[++i]) : -1;
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 1) {
                        usage(a + " wants a positive number");
                    }
                    switch (a) {
                        case "--seconds" -> seconds = n;
                        case "--top" -> top = n;
                        default -> runs = n;
                    }
                }
                default -> usage("unknown option " + a);
            }
        }
        String what;
        List<Path> files = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        if (read != null) {
            if (!Files.isReadable(read)) {
                throw new IOException("cannot read " + read);
            }
            files.add(read);
            what = "the recording " + read;
            runs = 1;
        } else {
            long result = 0;
            for (int r = 0; r < runs; r++) {
                Path file = r == 0 && keep != null ? keep : Files.createTempFile("profile-", ".jfr");
                if (file != keep) {
                    temporary.add(file);
                }
                files.add(file);
                result = record(seconds, file);
            }
            what = "the thread \"" + WORKLOAD_THREAD + "\" in " + runs + " run" + (runs == 1 ? "" : "s") + " of " + seconds
                    + " s of Workload (result " + Long.toHexString(result) + "), recording"
                    + (keep != null ? " of run 1 kept in " + keep : "s deleted");
        }
        try {
            Tally cpu = new Tally();
            Tally alloc = new Tally();
            List<Map<String, Double>> cpuShares = new ArrayList<>();
            List<Map<String, Double>> allocShares = new ArrayList<>();
            for (Path file : files) {
                Tally runCpu = new Tally();
                Tally runAlloc = new Tally();
                try (RecordingFile rf = new RecordingFile(file)) {
                    while (rf.hasMoreEvents()) {
                        RecordedEvent e = rf.readEvent();
                        String type = e.getEventType().getName();
                        if (type.equals("jdk.ExecutionSample")) {
                            if (read != null || isWorkload(e.getThread("sampledThread"))) {
                                cpu.add(e.getStackTrace(), 1);
                                runCpu.add(e.getStackTrace(), 1);
                            }
                        } else if (type.equals("jdk.ObjectAllocationSample")) {
                            if (read != null || isWorkload(e.getThread("eventThread"))) {
                                alloc.add(e.getStackTrace(), e.getLong("weight"));
                                runAlloc.add(e.getStackTrace(), e.getLong("weight"));
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IOException(file + " is not a JFR recording that this JDK can read (" + e.getMessage() + ")");
                }
                cpuShares.add(runCpu.ownShares());
                allocShares.add(runAlloc.ownShares());
            }
            if (flame != null) {
                Files.writeString(flame, cpu.flameGraph("Flame graph of " + what + ": " + cpu.events + " execution samples"));
            }
            if (csv) {
                System.out.println(CSV_HEADER);
                cpu.csv("cpu", "samples", top);
                alloc.csv("alloc", "bytes", top);
                return;
            }
            System.out.printf(Locale.ROOT, "Profile of %s: %,d execution samples, %,d allocation samples "
                    + "(%,.1f MB sampled)%n%n", what, cpu.events, alloc.events, alloc.total / 1048576.0);
            cpu.print("Hottest methods (jdk.ExecutionSample, where each sample found the thread running)",
                    "samples", top, 1);
            System.out.println();
            alloc.print("Top allocation sites (jdk.ObjectAllocationSample, weighted by bytes)", "MB", top, 1048576.0);
            System.out.println();
            System.out.println("By the program's own frame: median share of each run" + (runs > 1 ? " [lowest-highest]" : ""));
            System.out.printf("  %-44s %-20s %-20s%n", "frame", "CPU samples", "allocated bytes");
            for (String own : cpu.byOwn().keySet()) {
                System.out.printf(Locale.ROOT, "  %-44s %-20s %-20s%n", own.isEmpty() ? "(no frame of the program)" : own,
                        share(cpuShares, own), share(allocShares, own));
            }
            System.out.println();
            conclude("CPU", cpuShares, runs);
            conclude("allocation", allocShares, runs);
            if (flame != null) {
                System.out.println("flame graph: " + flame + " (open it in a browser; wide = many samples)");
            }
        } finally {
            for (Path p : temporary) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The percentages of one frame over the runs: median, and the range when there are several. */
    static String share(List<Map<String, Double>> runs, String frame) {
        double[] v = runs.stream().mapToDouble(m -> m.getOrDefault(frame, 0.0)).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return v.length == 1 ? String.format(Locale.ROOT, "%5.1f%%", median)
                : String.format(Locale.ROOT, "%5.1f%% [%.0f-%.0f]", median, v[0], v[v.length - 1]);
    }

    /** What the runs say about the heaviest program frame, from their figures, and whether they agree. */
    static void conclude(String kind, List<Map<String, Double>> runs, int n) {
        Map<String, double[]> per = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            for (Map.Entry<String, Double> e : runs.get(r).entrySet()) {
                per.computeIfAbsent(e.getKey(), k -> new double[runs.size()])[r] = e.getValue();
            }
        }
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(per.entrySet());
        ranked.removeIf(e -> e.getKey().isEmpty());
        ranked.sort((a, b) -> Double.compare(median(b.getValue()), median(a.getValue())));
        if (ranked.isEmpty()) {
            System.out.println(kind + ": no samples in the program's own code");
            return;
        }
        Map.Entry<String, double[]> first = ranked.get(0);
        String line = String.format(Locale.ROOT, "%s: most of it under %s, %.0f%%", kind, first.getKey(), median(first.getValue()));
        if (ranked.size() > 1) {
            Map.Entry<String, double[]> second = ranked.get(1);
            line += String.format(Locale.ROOT, ", then %s, %.0f%%", second.getKey(), median(second.getValue()));
            double lowestFirst = Arrays.stream(first.getValue()).min().orElse(0);
            double highestSecond = Arrays.stream(second.getValue()).max().orElse(0);
            if (n == 1) {
                line += " (one run: run more to know how much this varies)";
            } else if (lowestFirst > highestSecond) {
                line += String.format(Locale.ROOT, "; first in every one of the %d runs", n);
            } else {
                line += String.format(Locale.ROOT, "; the runs' ranges overlap: too close to call from %d runs", n);
            }
        }
        System.out.println(line);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static boolean isWorkload(RecordedThread t) {
        return t != null && WORKLOAD_THREAD.equals(t.getJavaName());
    }

    static void usage(String problem) {
        System.err.println("profile: " + problem + " (try --help)");
        System.exit(2);
    }

    /** Records the workload, in this JVM, into {@code file}. */
    static long record(int seconds, Path file) throws Exception {
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.start();
            long[] result = new long[1];
            Thread t = new Thread(() -> result[0] = Workload.run(System.nanoTime() + seconds * 1_000_000_000L),
                    WORKLOAD_THREAD);
            t.start();
            t.join();
            r.stop();
            r.dump(file);
            return result[0];
        }
    }

    /** Weights by top frame, each with the first frame of the program's own code under it; and the stacks. */
    static final class Tally {
        final Map<String, long[]> weight = new HashMap<>();
        final Map<String, long[]> cumulative = new HashMap<>();
        final Map<String, Map<String, Long>> app = new HashMap<>();
        final Node root = new Node("all");
        long events;
        long total;

        void add(RecordedStackTrace st, long w) {
            if (st == null || st.getFrames().isEmpty()) {
                return;
            }
            List<RecordedFrame> frames = st.getFrames();
            String top = name(frames.get(0).getMethod());
            String own = "";
            for (RecordedFrame f : frames) {
                String n = name(f.getMethod());
                if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.") && !n.startsWith("com.sun.")
                        && !n.contains("$$Lambda")) {
                    own = n;
                    break;
                }
            }
            events++;
            total += w;
            weight.computeIfAbsent(top, k -> new long[1])[0] += w;
            app.computeIfAbsent(top, k -> new HashMap<>()).merge(own, w, Long::sum);
            Set<String> seen = new HashSet<>();
            Node node = root;
            root.weight += w;
            for (int i = frames.size() - 1; i >= 0; i--) {            // the outermost frame first
                String n = name(frames.get(i).getMethod());
                if (seen.add(n)) {
                    cumulative.computeIfAbsent(n, k -> new long[1])[0] += w;
                }
                node = node.children.computeIfAbsent(n, Node::new);
                node.weight += w;
            }
        }

        static String name(RecordedMethod m) {
            return m.getType().getName() + "." + m.getName();
        }

        List<Map.Entry<String, long[]>> ranked(int n) {
            List<Map.Entry<String, long[]>> l = new ArrayList<>(weight.entrySet());
            l.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
            return l.subList(0, Math.min(n, l.size()));
        }

        /** Weight per program frame, heaviest first. */
        Map<String, Long> byOwn() {
            Map<String, Long> m = new HashMap<>();
            app.values().forEach(per -> per.forEach((k, v) -> m.merge(k, v, Long::sum)));
            Map<String, Long> sorted = new LinkedHashMap<>();
            m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        /** Percent of the weight per program frame. */
        Map<String, Double> ownShares() {
            Map<String, Double> m = new LinkedHashMap<>();
            byOwn().forEach((k, v) -> m.put(k, 100.0 * v / Math.max(1, total)));
            return m;
        }

        /** The program frame that contributed most under this top frame. */
        String ownFrame(String top) {
            return app.get(top).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        }

        double cumPercent(String method) {
            return 100.0 * cumulative.getOrDefault(method, new long[1])[0] / Math.max(1, total);
        }

        void csv(String kind, String unit, int n) {
            int rank = 0;
            for (Map.Entry<String, long[]> e : ranked(n)) {
                System.out.printf(Locale.ROOT, "%s,%d,%s,%s,%d,%s,%.1f,%.1f%n", kind, ++rank, e.getKey(), ownFrame(e.getKey()),
                        e.getValue()[0], unit, 100.0 * e.getValue()[0] / total, cumPercent(e.getKey()));
            }
        }

        /** pprof's top: flat weight and %, sum % (running total of flat %), cum % (anywhere on the stack). */
        void print(String title, String unit, int n, double scale) {
            System.out.println(title);
            if (events == 0) {
                System.out.println("  (none recorded)");
                return;
            }
            System.out.printf("  %2s %-44s %8s %6s %6s %6s  %s%n", "#", "method", unit, "flat%", "sum%", "cum%",
                    "in the program's code");
            int rank = 0;
            double sum = 0;
            for (Map.Entry<String, long[]> e : ranked(n)) {
                String own = ownFrame(e.getKey());
                double w = e.getValue()[0] / scale;
                double flat = 100.0 * e.getValue()[0] / total;
                sum += flat;
                System.out.printf(Locale.ROOT, "  %2d %-44s %8s %5.1f%% %5.1f%% %5.1f%%  %s%n", ++rank, shorten(e.getKey(), 44),
                        scale == 1 ? String.format("%,d", e.getValue()[0]) : String.format(Locale.ROOT, "%,.1f", w),
                        flat, sum, cumPercent(e.getKey()), own.equals(e.getKey()) ? "(itself)" : own);
            }
        }

        static String shorten(String s, int width) {
            return s.length() <= width ? s : "..." + s.substring(s.length() - width + 3);
        }

        /** The stacks as a flame graph: the outermost frame at the bottom, each frame as wide as its samples. */
        String flameGraph(String title) {
            Svg svg = new Svg(1200, 40 + 18 * (root.depth() + 1));
            svg.text(600, 20, title, "middle", 14, "");
            int[] max = {svg.height - 10};
            root.draw(svg, 10, 1180, max[0] - 18, root.weight);
            return svg.end();
        }
    }

    /** One frame of the flame graph: a method, called from its parent, with the samples under it. */
    static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long weight;

        Node(String name) {
            this.name = name;
        }

        int depth() {
            return 1 + children.values().stream().mapToInt(Node::depth).max().orElse(0);
        }

        void draw(Svg svg, double x, double width, double y, long all) {
            if (width < 0.3) {
                return;
            }
            String tip = String.format(Locale.ROOT, "%s: %,d samples (%.1f%%)", name, weight, 100.0 * weight / Math.max(1, all));
            int hash = name.hashCode();
            String fill = String.format("rgb(%d,%d,%d)", 205 + Math.floorMod(hash, 50), 80 + Math.floorMod(hash >> 8, 120),
                    40 + Math.floorMod(hash >> 16, 40));
            svg.rect(x, y, width, 17, fill, "frame", tip);
            if (width > 40) {
                String label = name;
                int fits = (int) (width / 7);
                if (label.length() > fits) {
                    label = fits > 3 ? label.substring(0, fits - 2) + ".." : "";
                }
                svg.text(x + 3, y + 12.5, label, "start", 11, "");
            }
            double cx = x;
            List<Node> kids = new ArrayList<>(children.values());
            kids.sort((a, b) -> a.name.compareTo(b.name));
            for (Node c : kids) {
                double w = width * c.weight / weight;
                c.draw(svg, cx, w, y - 18, all);
                cx += w;
            }
        }
    }

    /** A small SVG writer: enough for rectangles, lines and text, with XML escaping. */
    static final class Svg {
        final int width;
        final int height;
        final StringBuilder out = new StringBuilder();

        Svg(int width, int height) {
            this.width = width;
            this.height = height;
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                    .append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                            + "viewBox=\"0 0 %d %d\" font-family=\"monospace\">%n", width, height, width, height))
                    .append(String.format("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        }

        void rect(double x, double y, double w, double h, String fill, String cls, String title) {
            out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\" stroke=\"white\" stroke-width=\"0.5\">", escape(cls), x, y, w, h, escape(fill)));
            out.append("<title>").append(escape(title)).append("</title></rect>\n");
        }

        void text(double x, double y, String text, String anchor, int size, String cls) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s</text>%n",
                    x, y, anchor, size, cls.isEmpty() ? "" : " class=\"" + escape(cls) + "\"", escape(text)));
        }

        String end() {
            return out + "</svg>\n";
        }

        static String escape(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&apos;");
                    default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
                }
            }
            return b.toString();
        }
    }

    /**
     * Summarises made-up access log lines: bytes served per path. Two flaws to find: checksum()
     * hashes each line's path two hundred times, and line() builds every line with String.format.
     */
    static final class Workload {
        static final String[] PATHS = {"/", "/index.html", "/api/users", "/api/orders", "/static/app.js",
            "/static/style.css", "/images/logo.png", "/health"};

        static long run(long deadline) {
            SplittableRandom rnd = new SplittableRandom(7);
            Map<String, Long> bytes = new HashMap<>();
            long sum = 0;
            while (System.nanoTime() < deadline) {
                for (int k = 0; k < 100; k++) {
                    String[] f = line(rnd).split(" ");
                    sum += checksum(f[2].toCharArray());
                    bytes.merge(f[2], Long.parseLong(f[4]), Long::sum);
                }
            }
            for (long b : bytes.values()) {
                sum += b;
            }
            return sum;
        }

        static String line(SplittableRandom rnd) {
            return String.format("%d.%d.%d.%d GET %s %d %d", rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256),
                    rnd.nextInt(256), PATHS[rnd.nextInt(PATHS.length)], 200, rnd.nextInt(100_000));
        }

        static long checksum(char[] s) {
            long h = 0;
            for (int round = 0; round < 200; round++) {
                for (char c : s) {
                    h = h * 31 + (c ^ round);
                }
            }
            return h;
        }
    }
}
