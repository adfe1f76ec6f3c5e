#!/usr/bin/env jrun
//DESCRIPTION Optimising without a blindfold: runs a workload under Java Flight Recorder and prints,
//DESCRIPTION from the recording, the hottest methods and the top allocation sites (the JVM's
//DESCRIPTION pprof). --read FILE.jfr does the same for any recording, e.g. from jrun --jfr.

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * wasteful formatter), then reads the recording back with jdk.jfr.consumer, as pprof's "top" does.
 */
public class Profile {
    static final String CSV_HEADER = "kind,rank,method,app_frame,weight,unit,percent";
    static final String USAGE = """
            usage: profile.java [--csv] [--seconds N] [--top N] [--keep FILE.jfr]
                   profile.java [--csv] [--top N] --read FILE.jfr

            Runs a workload for --seconds (default 5) under Java Flight Recorder (settings
            "profile", execution sampled every 10 ms, up to 1000 allocation samples a second),
            then prints from the recording the --top (default 10) methods found running most often
            (jdk.ExecutionSample: the top frame of each sample) and the allocation sites with the
            most bytes (jdk.ObjectAllocationSample, weighted); only the workload's thread counts.
            For each, the first frame in the program's own code (not java.*, jdk.*, sun.*), which
            is where to look. --keep saves the recording (for jfr print, or JDK Mission Control);
            --read analyses a recording made elsewhere (all threads), e.g. by jrun --jfr.

              --csv   print CSV only, first line:
                      %s
                      kind is cpu or alloc; weight is samples (cpu) or bytes (alloc)
            """.formatted(CSV_HEADER);

    /** The workload runs in a thread of this name, and only its samples count (not JFR's own work). */
    static final String WORKLOAD_THREAD = "workload";

    public static void main(String[] args) throws Exception {
        boolean csv = false;
        int seconds = 5;
        int top = 10;
        Path keep = null;
        Path read = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--csv" -> csv = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--keep", "--read" -> {
                    if (i + 1 == args.length) {
                        usage(a + " needs a file name");
                    }
                    if (a.equals("--keep")) {
                        keep = Path.of(args[++i]);
                    } else {
                        read = Path.of(args[++i]);
                    }
                }
                case "--seconds", "--top" -> {
                    int n = -1;
                    try {
                        n = i + 1 < args.length ? Integer.parseInt(args[++i]) : -1;
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 1) {
                        usage(a + " wants a positive number");
                    }
                    if (a.equals("--seconds")) {
                        seconds = n;
                    } else {
                        top = n;
                    }
                }
                default -> usage("unknown option " + a);
            }
        }
        String what;
        Path file;
        if (read != null) {
            if (!Files.isReadable(read)) {
                System.err.println("profile: cannot read " + read);
                System.exit(1);
            }
            file = read;
            what = "the recording " + read;
        } else {
            file = keep != null ? keep : Files.createTempFile("profile-", ".jfr");
            long result = record(seconds, file);
            what = "the thread \"" + WORKLOAD_THREAD + "\" in a " + seconds + " s run of Workload (result "
                    + Long.toHexString(result) + "), recording " + (keep != null ? keep : "deleted");
        }
        try {
            Tally cpu = new Tally();
            Tally alloc = new Tally();
            try (RecordingFile rf = new RecordingFile(file)) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    String type = e.getEventType().getName();
                    if (type.equals("jdk.ExecutionSample")) {
                        if (read != null || isWorkload(e.getThread("sampledThread"))) {
                            cpu.add(e.getStackTrace(), 1);
                        }
                    } else if (type.equals("jdk.ObjectAllocationSample")) {
                        if (read != null || isWorkload(e.getThread("eventThread"))) {
                            alloc.add(e.getStackTrace(), e.getLong("weight"));
                        }
                    }
                }
            }
            if (csv) {
                System.out.println(CSV_HEADER);
                cpu.csv("cpu", "samples", top);
                alloc.csv("alloc", "bytes", top);
            } else {
                System.out.printf(Locale.ROOT, "Profile of %s: %,d execution samples, %,d allocation samples "
                        + "(%,.1f MB sampled)%n%n", what, cpu.events, alloc.events, alloc.total / 1048576.0);
                cpu.print("Hottest methods (jdk.ExecutionSample, where each sample found the thread running)",
                        "samples", top, 1);
                System.out.println();
                alloc.print("Top allocation sites (jdk.ObjectAllocationSample, weighted by bytes)", "MB", top,
                        1048576.0);
                System.out.println();
                System.out.println("By the program's own frame (CPU samples, allocated MB):");
                for (String own : cpu.byOwn().keySet()) {
                    System.out.printf(Locale.ROOT, "  %-60s %5.1f%% %5.1f%%%n", own.isEmpty() ? "(no frame of the program)" : own,
                            100.0 * cpu.byOwn().get(own) / cpu.total,
                            100.0 * alloc.byOwn().getOrDefault(own, 0L) / Math.max(1, alloc.total));
                }
                System.out.println();
                System.out.println("pprof's \"top\": the flat profile. Fix the first line of each list first: the slow");
                System.out.println("method, then the place that allocates most. Each site names the program's own");
                System.out.println("frame that led there, since the top frame is often inside the JDK.");
            }
        } finally {
            if (read == null && keep == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    static boolean isWorkload(RecordedThread t) {
        return t != null && WORKLOAD_THREAD.equals(t.getJavaName());
    }

    static void usage(String problem) {
        System.err.println("profile: " + problem + "\n" + USAGE);
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

    /** Weights by top frame, each with the first frame of the program's own code under it. */
    static final class Tally {
        final Map<String, long[]> weight = new HashMap<>();
        final Map<String, Map<String, Long>> app = new HashMap<>();
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
            Map<String, Long> sorted = new java.util.LinkedHashMap<>();
            m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        /** The program frame that contributed most under this top frame. */
        String ownFrame(String top) {
            return app.get(top).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        }

        void csv(String kind, String unit, int n) {
            int rank = 0;
            for (Map.Entry<String, long[]> e : ranked(n)) {
                System.out.printf(Locale.ROOT, "%s,%d,%s,%s,%d,%s,%.1f%n", kind, ++rank, e.getKey(), ownFrame(e.getKey()),
                        e.getValue()[0], unit, 100.0 * e.getValue()[0] / total);
            }
        }

        void print(String title, String unit, int n, double scale) {
            System.out.println(title);
            if (events == 0) {
                System.out.println("  (none recorded)");
                return;
            }
            System.out.printf("  %4s %-60s %10s %6s  %s%n", "#", "method", unit, "%", "in the program's code");
            int rank = 0;
            for (Map.Entry<String, long[]> e : ranked(n)) {
                String own = ownFrame(e.getKey());
                double w = e.getValue()[0] / scale;
                System.out.printf(Locale.ROOT, "  %4d %-60s %10s %5.1f%%  %s%n", ++rank, e.getKey(),
                        scale == 1 ? String.format("%,d", e.getValue()[0]) : String.format(Locale.ROOT, "%,.1f", w),
                        100.0 * e.getValue()[0] / total, own.equals(e.getKey()) ? "(itself)" : own);
            }
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
