#!/usr/bin/env jrun
//DESCRIPTION GC tuning on the JVM, measured: one workload (a large static data set plus a churn of
//DESCRIPTION short-lived objects) in child JVMs under different heaps and collectors, then the
//DESCRIPTION "situation -> action -> pro -> con" table rewritten from the figures.

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Go's GOGC trades memory for CPU: a smaller heap goal means more collections, a larger one fewer;
 * GOGC=off never collects. The JVM has the same dial (the heap size, -Xmx) and a choice of
 * collectors. This script measures both, one child JVM per setting, so each starts clean.
 */
public class GcTune {
    static final String CSV_HEADER = "setting,jvm_flags,gogc,runs,wall_ms,cpu_ms,gc_count,gc_count_min,gc_count_max,"
            + "gc_cpu_ms,gc_cpu_ms_min,gc_cpu_ms_max,gc_pause_total_ms,gc_pause_max_ms,"
            + "peak_heap_mb,peak_heap_mb_min,peak_heap_mb_max,outcome";
    static final String USAGE = """
            usage: gc-tune.java [--csv] [--runs N] [--svg FILE] [--live-mb N] [--churn-mb N]
                                [--small-heap-mb N] [--heap-mb N] [--large-heap-mb N]
                                [--epsilon-heap-mb N] [--settings a,b,...]

            Runs one workload in a child JVM per setting and measures it: a static data set of
            --live-mb (default 64) that stays reachable, and --churn-mb (default 2048) of short-lived
            objects allocated around it (one in a hundred replaces a piece of the static set).

            Settings (all by default, in this order):
              small-heap          G1 with -Xmx --small-heap-mb   (default 2 x live + 16)
              large-heap          G1 with -Xmx --large-heap-mb   (default 8 x live)
              g1, serial, parallel, zgc
                                  each collector with -Xmx --heap-mb (default 4 x live)
              epsilon             Epsilon, the collector that never collects, with a heap big
                                  enough for everything the workload allocates (--epsilon-heap-mb,
                                  default live + churn + a quarter + 64)
              epsilon-small-heap  Epsilon with the small heap: it runs out of memory

            Each setting runs --runs times (default 3); the tables give the median of the runs and
            the spread (lowest-highest), and the pros and cons count only differences larger than
            the spread. "peak heap" is the most heap in use (before a collection), not the RSS.
            "GC cpu" is the CPU time of the JVM's collector threads (and of the VM thread, where
            Serial collects), from /proc. GOGC≈N: what Go's dial would be for that heap,
            -Xmx = live x (1 + N/100).

              --svg FILE   draw GC count, GC cpu and peak heap per setting, with the spread, as SVG
              --csv        print CSV only (medians, with min and max for the charted figures), first line:
                           %s
            """.formatted(CSV_HEADER);

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--workload")) {
            Workload.main(args);
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gc-tune: " + e.getMessage() + " (try --help)");
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(USAGE);
            return;
        }
        Map<String, List<String>> settings = o.settings();
        // 99 columns: the JVM flags go below the table, one line each.
        String fmt = "%-18s %-8s %5s %5s %11s %16s %7s %15s %s%n";
        if (o.csv) {
            System.out.println(CSV_HEADER);
        } else {
            System.out.printf("workload: %d MB static data set, %d MB of short-lived objects%n"
                    + "Java %s (%s), median of %d run%s [lowest-highest]%n%n", o.liveMb, o.churnMb, System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), o.runs, o.runs == 1 ? "" : "s");
            System.out.printf(fmt, "setting", "heap", "wall", "cpu", "GCs", "GC cpu ms", "max ms",
                    "peak heap MB", "end");
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> s : settings.entrySet()) {
            List<Row> runs = new ArrayList<>();
            for (int i = 0; i < o.runs; i++) {
                runs.add(run(s.getKey(), s.getValue(), o));
            }
            Row r = Row.median(runs);
            rows.add(r);
            if (o.csv) {
                System.out.println(r.csv(o));
            } else {
                System.out.printf(fmt, r.setting, o.gogc(r.setting), r.wallMs, r.cpuMs, r.range(Row::gcCount, 1),
                        r.range(Row::gcCpuMs, 1), r.pauseMax(), r.range(Row::peakBytes, 1048576.0),
                        r.ok() ? "ok" : "OOM");
            }
            System.out.flush();
        }
        if (!o.csv) {
            System.out.println("(wall, cpu, max pause: ms; GC cpu: the collector's threads; peak heap: heap in use, not RSS;");
            System.out.println(" end: ok, or OOM for an OutOfMemoryError; the JVM flags of each setting:)");
            for (Row r : rows) {
                List<String> l = new ArrayList<>();
                Table.wrap(l, String.format("  %-18s ", r.setting), String.join(" ", r.flags));
                l.forEach(x -> System.out.println(x.startsWith("       ") ? " ".repeat(14) + x : x));
            }
            System.out.println();
            Table.print(rows, o);
        }
        if (o.svg != null) {
            Files.writeString(o.svg, Chart.svg(rows, o));
            if (!o.csv) {
                System.out.println("chart: " + o.svg);
            }
        }
    }

    /** A pause in -Xlog:gc or gc+phases, e.g. "[gc] GC(3) Pause Young (Allocation Failure) 36M->19M(61M) 4.123ms". */
    static final Pattern PAUSE = Pattern.compile("\\bPause\\b.* ([0-9]+(?:\\.[0-9]+)?)ms$");  // jrun:nosec REDOS reads only the GC log of a JVM this program started

    /** The JVM running this script: the children use the same one, and this script's class path. */
    static Row run(String setting, List<String> flags, Options o) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        // Every pause the collector makes, to the microsecond, whatever the collector: the
        // notifications that count collections only have milliseconds, and ZGC's pauses are shorter.
        // (In a directory of its own: the JVM moves aside a log file that is already there.)
        Path logDir = Files.createTempDirectory("gc-tune-");
        Path log = logDir.resolve("gc.log");
        cmd.add("-Xlog:gc,gc+phases:file=" + log + ":tags");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                MethodHandles.lookup().lookupClass().getName(), "--workload",
                Long.toString(o.liveMb), Long.toString(o.churnMb)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();  // jrun:nosec COMMAND_INJECTION argv list, no shell: this JDK's java and the example's own options
        String result = null;
        StringBuilder other = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    other.append(line).append('\n');
                }
            }
        }
        int status = p.waitFor();
        long pauseTotalNs = 0;
        long pauseMaxNs = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    long ns = Math.round(Double.parseDouble(m.group(1)) * 1e6);
                    pauseTotalNs += ns;
                    pauseMaxNs = Math.max(pauseMaxNs, ns);
                }
            }
        } finally {
            try (var files = Files.list(logDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(logDir);
        }
        if (result == null) {
            throw new IllegalStateException("the " + setting + " child JVM (" + String.join(" ", cmd)
                    + ") exited with status " + status + " and no result:\n" + other);
        }
        String[] f = result.split(" ");
        return new Row(setting, flags, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[6]), pauseTotalNs, pauseMaxNs, Long.parseLong(f[4]),
                f[5].equals("1") ? "OutOfMemoryError" : "ok", List.of());
    }

    /**
     * One measured setting. Times in milliseconds, pauses in nanoseconds, heap in bytes. A median row
     * holds the median of each figure over its runs, which are kept for the spread.
     */
    record Row(String setting, List<String> flags, long wallMs, long cpuMs, long gcCount, long gcCpuMs, long pauseTotalNs,
            long pauseMaxNs, long peakBytes, String outcome, List<Row> runs) {
        static Row median(List<Row> runs) {
            Row a = runs.get(0);
            // an OutOfMemoryError in any run is the outcome
            String outcome = runs.stream().map(Row::outcome).filter(x -> !x.equals("ok")).findFirst().orElse("ok");
            return new Row(a.setting, a.flags, med(runs, Row::wallMs), med(runs, Row::cpuMs), med(runs, Row::gcCount),
                    med(runs, Row::gcCpuMs), med(runs, Row::pauseTotalNs), med(runs, Row::pauseMaxNs),
                    med(runs, Row::peakBytes), outcome, List.copyOf(runs));
        }

        static long med(List<Row> runs, ToLongFunction<Row> f) {
            long[] v = runs.stream().mapToLong(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        long min(ToLongFunction<Row> f) {
            return runs.isEmpty() ? f.applyAsLong(this) : runs.stream().mapToLong(f).min().getAsLong();
        }

        long max(ToLongFunction<Row> f) {
            return runs.isEmpty() ? f.applyAsLong(this) : runs.stream().mapToLong(f).max().getAsLong();
        }

        long value(ToLongFunction<Row> f) {
            return f.applyAsLong(this);
        }

        /** "median [min-max]", scaled by {@code unit}; just the median for one run. */
        String range(ToLongFunction<Row> f, double unit) {
            String m = String.format(Locale.ROOT, unit == 1 ? "%.0f" : "%.1f", f.applyAsLong(this) / unit);
            return runs.size() < 2 ? m : String.format(Locale.ROOT, unit == 1 ? "%s [%.0f-%.0f]" : "%s [%.0f-%.0f]", m,
                    min(f) / unit, max(f) / unit);
        }

        String pauseTotal() {
            return String.format(Locale.ROOT, "%.2f", pauseTotalNs / 1e6);
        }

        String pauseMax() {
            return String.format(Locale.ROOT, "%.2f", pauseMaxNs / 1e6);
        }

        String peakMb() {
            return String.format(Locale.ROOT, "%.1f", peakBytes / 1048576.0);
        }

        boolean ok() {
            return outcome.equals("ok");
        }

        String csv(Options o) {
            return String.join(",", setting, String.join(" ", flags), o.gogc(setting), Integer.toString(Math.max(1, runs.size())),
                    Long.toString(wallMs), Long.toString(cpuMs),
                    Long.toString(gcCount), Long.toString(min(Row::gcCount)), Long.toString(max(Row::gcCount)),
                    Long.toString(gcCpuMs), Long.toString(min(Row::gcCpuMs)), Long.toString(max(Row::gcCpuMs)),
                    pauseTotal(), pauseMax(), peakMb(), mb(min(Row::peakBytes)), mb(max(Row::peakBytes)), outcome);
        }

        static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
        }
    }

    static final class Options {
        boolean csv;
        boolean help;
        int runs = 3;
        Path svg;
        long liveMb = 64;
        long churnMb = 2048;
        long smallHeapMb;
        long heapMb;
        long largeHeapMb;
        long epsilonHeapMb;
        List<String> only;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                switch (name) {
                    case "--csv" -> o.csv = true;
                    case "-h", "--help" -> o.help = true;
                    case "--live-mb", "--churn-mb", "--small-heap-mb", "--heap-mb", "--large-heap-mb",
                            "--epsilon-heap-mb", "--settings", "--runs", "--svg" -> {
                        String v = inline;
                        if (v == null) {
                            if (++i == args.length) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            v = args[i];
                        }
                        if (name.equals("--settings")) {
                            o.only = List.of(v.split(","));
                        } else if (name.equals("--svg")) {
                            if (v.isEmpty()) {
                                throw new IllegalArgumentException("--svg needs a file name");
                            }
                            o.svg = Path.of(v);
                        } else if (name.equals("--runs")) {
                            try {
                                o.runs = Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                o.runs = 0;
                            }
                            if (o.runs < 1) {
                                throw new IllegalArgumentException("--runs wants a positive number, not " + v);
                            }
                        } else {
                            long n;
                            try {
                                n = Long.parseLong(v);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException(name + " wants a number of megabytes, not " + v);
                            }
                            if (n < 1) {
                                throw new IllegalArgumentException(name + " must be at least 1");
                            }
                            switch (name) {
                                case "--live-mb" -> o.liveMb = n;
                                case "--churn-mb" -> o.churnMb = n;
                                case "--small-heap-mb" -> o.smallHeapMb = n;
                                case "--heap-mb" -> o.heapMb = n;
                                case "--large-heap-mb" -> o.largeHeapMb = n;
                                default -> o.epsilonHeapMb = n;
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.smallHeapMb == 0) {
                o.smallHeapMb = 2 * o.liveMb + 16;
            }
            if (o.heapMb == 0) {
                o.heapMb = 4 * o.liveMb;
            }
            if (o.largeHeapMb == 0) {
                o.largeHeapMb = 8 * o.liveMb;
            }
            if (o.epsilonHeapMb == 0) {
                o.epsilonHeapMb = o.liveMb + o.churnMb + (o.liveMb + o.churnMb) / 4 + 64;
            }
            if (o.only != null) {
                for (String s : o.only) {
                    if (!o.settings(true).containsKey(s)) {
                        throw new IllegalArgumentException("unknown setting " + s + "; choose from "
                                + String.join(",", o.settings(true).keySet()));
                    }
                }
            }
            return o;
        }

        Map<String, List<String>> settings() {
            return settings(false);
        }

        /**
         * What GOGC would give this heap: Go's heap goal is live x (1 + GOGC/100), so a heap of
         * -Xmx for a live set of --live-mb is GOGC of about (Xmx / live - 1) x 100.
         */
        String gogc(String setting) {
            if (setting.startsWith("epsilon")) {
                return "GOGC=off";
            }
            long heap = switch (setting) {
                case "small-heap" -> smallHeapMb;
                case "large-heap" -> largeHeapMb;
                default -> heapMb;
            };
            return "GOGC≈" + Math.round((heap / (double) liveMb - 1) * 100);
        }

        private Map<String, List<String>> settings(boolean all) {
            // Epsilon exits the JVM on running out of memory unless told not to; here the workload
            // catches the OutOfMemoryError and reports how far it got.
            String epsilon = "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -XX:-ExitOnOutOfMemoryError";
            Map<String, List<String>> m = new LinkedHashMap<>();
            m.put("small-heap", flags("-XX:+UseG1GC -Xmx" + smallHeapMb + "m"));
            m.put("large-heap", flags("-XX:+UseG1GC -Xmx" + largeHeapMb + "m"));
            m.put("g1", flags("-XX:+UseG1GC -Xmx" + heapMb + "m"));
            m.put("serial", flags("-XX:+UseSerialGC -Xmx" + heapMb + "m"));
            m.put("parallel", flags("-XX:+UseParallelGC -Xmx" + heapMb + "m"));
            m.put("zgc", flags("-XX:+UseZGC -Xmx" + heapMb + "m"));
            m.put("epsilon", flags(epsilon + " -Xmx" + epsilonHeapMb + "m"));
            m.put("epsilon-small-heap", flags(epsilon + " -Xmx" + smallHeapMb + "m"));
            if (!all && only != null) {
                m.keySet().retainAll(only);
            }
            return m;
        }

        /** -Xms = -Xmx, so each setting gets the heap it names from the start. */
        private static List<String> flags(String s) {
            List<String> f = new ArrayList<>(List.of(s.split(" ")));
            String xmx = f.get(f.size() - 1);
            f.add(f.size() - 1, "-Xms" + xmx.substring(4));
            return f;
        }
    }

    /**
     * The child JVM: builds the static data set, churns, and reports one line, RESULT wall_ms
     * cpu_ms gc_count peak_heap_bytes oom gc_cpu_ms. It listens to the collectors' notifications to count
     * collections and see the heap before each one.
     */
    static final class Workload {
        static final Object lock = new Object();
        static long gcCount;
        static long peakUsed;
        static long notified;
        /** Stays 0 after an OutOfMemoryError: only Epsilon has one here, and it has no collector threads. */
        static long gcCpuMs;

        /**
         * The CPU time of the collector's threads, by their names in /proc/self/task/TID/stat:
         * "GC Thread#N" (parallel work of G1 and Parallel), "G1 ..." (G1's concurrent and
         * refinement threads), "Z..." (ZGC's), and "VM Thread", in which Serial collects.
         */
        static long gcThreadsCpuMs() throws IOException {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (IOException e) {
                        continue;                                  // the thread has ended
                    }
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("Z")
                            || comm.equals("VM Thread")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
                    }
                }
            }
            return ticks * 10;                                     // USER_HZ is 100 on Linux
        }

        static final class Item {
            final long id;
            final byte[] payload;
            Item next;

            Item(long id, int size, Item next) {
                this.id = id;
                this.payload = new byte[size];
                this.next = next;
            }
        }

        public static void main(String[] args) throws Exception {
            long liveBytes = Long.parseLong(args[1]) << 20;
            long churnBytes = Long.parseLong(args[2]) << 20;
            // Everything the report needs is fetched now: after an OutOfMemoryError under Epsilon
            // (which never frees anything) the report must not allocate.
            long start = ManagementFactory.getRuntimeMXBean().getStartTime();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            GarbageCollectorMXBean[] gcs = ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
            for (GarbageCollectorMXBean gc : gcs) {
                ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                    }
                }, null, null);
            }
            byte[] report = new byte[256];
            // A dry run of the report: the first call of a method loads classes and resolves
            // constants, and that allocates too.
            report(report, start, os, true, false);
            long checksum = 0;
            boolean oom = false;
            try {
                checksum = churn(liveBytes, churnBytes, threads);
            } catch (OutOfMemoryError e) {
                oom = true;
            }
            if (!oom) {
                waitForNotifications(gcs);
                gcCpuMs = gcThreadsCpuMs();
            }
            report(report, start, os, false, oom);
            if (checksum == 42) {
                System.err.println(); // keeps the work observable, so the JIT cannot drop it
            }
        }

        /**
         * The static set: a chain of items of 64 to 192 bytes each, reachable to the end. The
         * churn: items of the same sizes kept in a small ring (so they die young, not at once);
         * one in a hundred replaces an item of the static set, making old garbage.
         */
        static long churn(long liveBytes, long churnBytes, com.sun.management.ThreadMXBean threads) {
            SplittableRandom rnd = new SplittableRandom(42);
            int count = (int) (liveBytes / (128 + 40));
            Item[] live = new Item[count];
            Item prev = null;
            for (int i = 0; i < count; i++) {
                live[i] = prev = new Item(i, 64 + rnd.nextInt(128), prev);
            }
            Item[] ring = new Item[1024];
            long checksum = 0;
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            for (long i = 0; ; i++) {
                Item it = new Item(i, 64 + rnd.nextInt(128), ring[(int) (i & 1023)]);
                it.payload[0] = (byte) i;
                ring[(int) ((i + 1) & 1023)] = null;
                ring[(int) (i & 1023)] = it;
                checksum += it.payload.length;
                if (i % 100 == 0) {
                    int k = rnd.nextInt(count);
                    live[k] = new Item(k, 64 + rnd.nextInt(128), live[k].next);
                }
                if ((i & 4095) == 0 && threads.getCurrentThreadAllocatedBytes() - allocated0 >= churnBytes) {
                    break;
                }
            }
            for (Item it : live) {
                checksum += it.id;
            }
            return checksum;
        }

        /** Prints the RESULT line, made in {@code b}; a dry run goes through the motions and prints nothing. */
        static void report(byte[] b, long start, OperatingSystemMXBean os, boolean dry, boolean oom) {
            long wall = System.currentTimeMillis() - start;
            long cpu = os.getProcessCpuTime() / 1_000_000;
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            int n = 0;
            synchronized (lock) {
                n = put(b, n, "RESULT ");
                n = put(b, n, wall);
                n = put(b, n, cpu);
                n = put(b, n, gcCount);
                n = put(b, n, Math.max(peakUsed, used));
                n = put(b, n, oom ? 1 : 0);
                n = put(b, n, gcCpuMs);
            }
            b[n - 1] = '\n';
            System.out.write(b, 0, dry ? 0 : n);
            System.out.flush();
        }

        static void record(GarbageCollectionNotificationInfo info) {
            String name = info.getGcName();
            // ZGC and Shenandoah have a bean for their (concurrent) cycles and one for their pauses;
            // G1 (JDK 21+) reports the pauses of its concurrent cycle on "G1 Concurrent GC".
            boolean cycle = !name.contains("Pauses") && !name.contains("Concurrent");
            long before = 0;
            for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
                before += u.getUsed();
            }
            synchronized (lock) {
                notified++;
                if (cycle) {
                    gcCount++;
                }
                peakUsed = Math.max(peakUsed, before);
            }
        }

        /** Notifications arrive on another thread: wait until all the collections have been heard of. */
        static void waitForNotifications(GarbageCollectorMXBean[] gcs) throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                long total = 0;
                for (GarbageCollectorMXBean gc : gcs) {
                    total += Math.max(0, gc.getCollectionCount());
                }
                synchronized (lock) {
                    if (notified >= total) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }

        static int put(byte[] b, int n, String s) {
            for (int i = 0; i < s.length(); i++) {
                b[n++] = (byte) s.charAt(i);
            }
            return n;
        }

        /** Decimal digits and a space, without allocating. */
        static int put(byte[] b, int n, long v) {
            if (v == 0) {
                b[n++] = '0';
                b[n++] = ' ';
                return n;
            }
            int start = n;
            for (; v > 0; v /= 10) {
                b[n++] = (byte) ('0' + v % 10);
            }
            for (int i = start, j = n - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
            b[n++] = ' ';
            return n;
        }
    }

    /**
     * The talk's table. Each line compares the setting its action leads to with another setting:
     * a figure goes in "pro" or "con" only when every run of one setting beat every run of the
     * other, by more than 5%; the rest is within the spread, and the table says so. What it says is
     * what was measured this time, surprises included.
     */
    static final class Table {
        /** A figure of a row; lower is better for all of them. */
        record Metric(String name, ToLongFunction<Row> value, double unit, String suffix) {
            String show(long v) {
                return unit == 1 ? Long.toString(v) : String.format(Locale.ROOT, unit == 1e6 ? "%.2f" : "%.1f", v / unit);
            }
        }

        static final Metric WALL = new Metric("wall", Row::wallMs, 1, " ms");
        static final Metric CPU = new Metric("cpu", Row::cpuMs, 1, " ms");
        static final Metric GCS = new Metric("collections", Row::gcCount, 1, "");
        static final Metric GC_CPU = new Metric("GC cpu", Row::gcCpuMs, 1, " ms");
        static final Metric PAUSE = new Metric("longest pause", Row::pauseMaxNs, 1e6, " ms");
        static final Metric PEAK = new Metric("peak heap", Row::peakBytes, 1048576.0, " MB");

        static void print(List<Row> rows, Options o) {
            Map<String, Row> by = new LinkedHashMap<>();
            rows.forEach(r -> by.put(r.setting, r));
            List<String> lines = new ArrayList<>();
            line(lines, by, "memory is tight", "shrink the heap (-Xmx" + o.smallHeapMb + "m, " + o.gogc("small-heap") + ")",
                    "small-heap", "large-heap", null, PEAK, GCS, GC_CPU, CPU);
            line(lines, by, "memory to spare, CPU is dear", "grow the heap (-Xmx" + o.largeHeapMb + "m, "
                    + o.gogc("large-heap") + ")", "large-heap", "small-heap", null, GCS, GC_CPU, CPU, PEAK);
            line(lines, by, "pauses must stay short", "-XX:+UseZGC", "zgc", "g1", null, PAUSE, CPU, PEAK);
            line(lines, by, "one or two cores, small heap", "-XX:+UseSerialGC", "serial", "g1", null, CPU, WALL, PAUSE);
            line(lines, by, "throughput over latency", "-XX:+UseParallelGC", "parallel", "g1", null, WALL, CPU, PAUSE);
            Row small = by.get("epsilon-small-heap");
            String explode = small == null ? null : small.ok()
                    ? "with -Xmx" + o.smallHeapMb + "m it still ran: this workload did not outgrow it"
                    : "with -Xmx" + o.smallHeapMb + "m: OutOfMemoryError after " + small.wallMs + " ms";
            line(lines, by, "short job, memory to burn (GOGC=off)", "-XX:+UseEpsilonGC (never collect)", "epsilon",
                    "g1", explode, GCS, PAUSE, CPU, WALL, PEAK);
            if (lines.isEmpty()) {
                return;
            }
            System.out.println("situation -> action, against the setting in brackets (measured, " + o.runs + " run"
                    + (o.runs == 1 ? "" : "s") + " each)");
            lines.forEach(System.out::println);
            System.out.println(o.runs == 1
                    ? "(one run each: a difference counts when it is over 5%, but one sample cannot show the spread; use --runs)"
                    : "(pro and con: every run better, or every run worse, by over 5%; the rest is within the spread)");
        }

        /** The lines for {@code action}, comparing setting {@code a} with setting {@code b}, if both ran to the end. */
        static void line(List<String> lines, Map<String, Row> by, String situation, String action, String a,
                String b, String extraCon, Metric... metrics) {
            Row x = by.get(a);
            Row y = by.get(b);
            if (x == null || y == null || !x.ok() || !y.ok()) {
                return;
            }
            List<String> pro = new ArrayList<>();
            List<String> con = new ArrayList<>();
            List<String> unclear = new ArrayList<>();
            for (Metric m : metrics) {
                long v = m.value.applyAsLong(x);
                long w = m.value.applyAsLong(y);
                String text = m.name + " " + m.show(v) + m.suffix + " against " + m.show(w);
                boolean apart = Math.abs(v - w) > Math.max(w, v) * 0.05;
                if (apart && x.max(m.value) < y.min(m.value)) {
                    pro.add(text);
                } else if (apart && x.min(m.value) > y.max(m.value)) {
                    con.add(text);
                } else {
                    unclear.add(m.name);
                }
            }
            if (extraCon != null) {
                con.add(extraCon);
            }
            lines.add(situation + " -> " + action + " [" + b + "]");
            wrap(lines, "  pro: ", pro.isEmpty() ? "none measured" : String.join(", ", pro));
            wrap(lines, "  con: ", con.isEmpty() ? "none measured" : String.join(", ", con));
            if (!unclear.isEmpty()) {
                wrap(lines, "  no conclusion (within the spread, or under 5%): ", String.join(", ", unclear));
            }
        }

        /** Adds {@code text} after {@code lead}, wrapped at 99 columns. */
        static void wrap(List<String> lines, String lead, String text) {
            StringBuilder l = new StringBuilder(lead);
            for (String word : text.split(" ")) {
                if (l.length() + 1 + word.length() > 99 && l.length() > lead.length()) {
                    lines.add(l.toString());
                    l = new StringBuilder(" ".repeat(7));
                }
                if (l.length() > 0 && !l.toString().endsWith(" ")) {
                    l.append(' ');
                }
                l.append(word);
            }
            lines.add(l.toString());
        }
    }

    /** The chart: one panel per figure, a bar per setting at its median, a whisker from lowest to highest run. */
    static final class Chart {
        static String svg(List<Row> rows, Options o) {
            record Panel(String id, String title, ToLongFunction<Row> value, double unit) {}
            List<Panel> panels = List.of(
                    new Panel("gc_count", "collections", Row::gcCount, 1),
                    new Panel("gc_cpu_ms", "GC cpu (ms, collector threads)", Row::gcCpuMs, 1),
                    new Panel("peak_heap_mb", "peak heap in use (MB, not RSS)", Row::peakBytes, 1048576.0));
            int panelW = 300, left = 50, top = 60, plotH = 220, labelH = 90;
            int width = left + panels.size() * (panelW + left), height = top + plotH + labelH;
            Svg svg = new Svg(width, height);
            svg.text(width / 2.0, 22, "gc-tune: " + o.liveMb + " MB live, " + o.churnMb + " MB churn, median of " + o.runs
                    + " run" + (o.runs == 1 ? "" : "s") + ", whiskers: lowest-highest", "middle", 14, "title");
            svg.text(width / 2.0, 42, "GOGC≈N: the heap Go's dial would give, -Xmx = live x (1 + N/100); GOGC=off ≈ Epsilon",
                    "middle", 11, "");
            for (int p = 0; p < panels.size(); p++) {
                Panel panel = panels.get(p);
                double x0 = left + p * (panelW + left);
                double max = rows.stream().mapToDouble(r -> r.max(panel.value) / panel.unit).max().orElse(1);
                max = max <= 0 ? 1 : max * 1.1;
                svg.open("series", panel.id);
                svg.text(x0 + panelW / 2.0, top - 6, panel.title, "middle", 12, "");
                svg.line(x0, top, x0, top + plotH, "#333");
                svg.line(x0, top + plotH, x0 + panelW, top + plotH, "#333");
                for (int t = 0; t <= 4; t++) {
                    double v = max * t / 4;
                    double y = top + plotH - plotH * t / 4.0;
                    svg.line(x0 - 3, y, x0, y, "#333");
                    svg.text(x0 - 5, y + 4, String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v), "end", 10, "");
                }
                double slot = (double) panelW / rows.size();
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    double med = r.value(panel.value) / panel.unit;
                    double lo = r.min(panel.value) / panel.unit, hi = r.max(panel.value) / panel.unit;
                    double cx = x0 + slot * (i + 0.5);
                    double h = plotH * med / max;
                    svg.rect(cx - slot * 0.35, top + plotH - h, slot * 0.7, h, r.ok() ? "#4878a8" : "#c04040", "bar",
                            String.format(Locale.ROOT, "%s (%s): median %.1f, lowest %.1f, highest %.1f%s", r.setting,
                                    o.gogc(r.setting), med, lo, hi, r.ok() ? "" : ", " + r.outcome));
                    double ylo = top + plotH - plotH * lo / max, yhi = top + plotH - plotH * hi / max;
                    svg.line(cx, ylo, cx, yhi, "#111");
                    svg.line(cx - 4, ylo, cx + 4, ylo, "#111");
                    svg.line(cx - 4, yhi, cx + 4, yhi, "#111");
                    double ly = top + plotH + 8;
                    svg.rotated(cx + 3, ly, r.setting + " " + o.gogc(r.setting), 10);
                }
                svg.close();
            }
            return svg.end();
        }
    }

    /** A small SVG writer: rectangles, lines, text, groups, with XML escaping. */
    static final class Svg {
        final StringBuilder out = new StringBuilder();

        Svg(int width, int height) {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                    .append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height))
                    .append(String.format("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        }

        void open(String cls, String id) {
            out.append("<g class=\"").append(escape(cls)).append("\" id=\"").append(escape(id)).append("\">\n");
        }

        void close() {
            out.append("</g>\n");
        }

        void rect(double x, double y, double w, double h, String fill, String cls, String title) {
            out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\">", escape(cls), x, y, w, h, escape(fill)));
            out.append("<title>").append(escape(title)).append("</title></rect>\n");
        }

        void line(double x1, double y1, double x2, double y2, String stroke) {
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    x1, y1, x2, y2, escape(stroke)));
        }

        void text(double x, double y, String text, String anchor, int size, String cls) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s</text>%n",
                    x, y, anchor, size, cls.isEmpty() ? "" : " class=\"" + escape(cls) + "\"", escape(text)));
        }

        /** Text read bottom to top, starting at (x, y) and going down: a label under a bar. */
        void rotated(double x, double y, String text, int size) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
                    + "transform=\"rotate(60 %.1f %.1f)\">%s</text>%n", x, y, size, x, y, escape(text)));
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
}
