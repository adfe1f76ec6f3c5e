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
import java.util.function.Function;
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
    static final String CSV_HEADER =
            "setting,jvm_flags,wall_ms,cpu_ms,gc_count,gc_pause_total_ms,gc_pause_max_ms,peak_heap_mb,outcome";
    static final String USAGE = """
            usage: gc-tune.java [--csv] [--live-mb N] [--churn-mb N] [--small-heap-mb N] [--heap-mb N]
                                [--large-heap-mb N] [--epsilon-heap-mb N] [--settings a,b,...]

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

              --csv   print CSV only, first line:
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
            System.err.println("gc-tune: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(USAGE);
            return;
        }
        Map<String, List<String>> settings = o.settings();
        int flagsWidth = settings.values().stream().mapToInt(f -> String.join(" ", f).length()).max().orElse(9);
        String fmt = "%-19s %-" + flagsWidth + "s %8s %8s %5s %9s %9s %9s  %s%n";
        if (o.csv) {
            System.out.println(CSV_HEADER);
        } else {
            System.out.printf("workload: %d MB static data set, %d MB of short-lived objects; Java %s (%s)%n%n",
                    o.liveMb, o.churnMb, System.getProperty("java.version"), System.getProperty("java.vm.name"));
            System.out.printf(fmt, "setting", "JVM flags", "wall ms",
                    "cpu ms", "GCs", "pause ms", "max ms", "peak MB", "outcome");
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> s : settings.entrySet()) {
            Row r = run(s.getKey(), s.getValue(), o);
            rows.add(r);
            if (o.csv) {
                System.out.println(r.csv());
            } else {
                System.out.printf(fmt, r.setting, String.join(" ", r.flags),
                        r.wallMs, r.cpuMs, r.gcCount, r.pauseTotal(), r.pauseMax(), r.peakMb(), r.outcome);
            }
            System.out.flush();
        }
        if (!o.csv) {
            System.out.println();
            Table.print(rows, o);
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
                pauseTotalNs, pauseMaxNs, Long.parseLong(f[4]), f[5].equals("1") ? "OutOfMemoryError" : "ok");
    }

    /** One measured setting. Times in milliseconds, pauses in nanoseconds, heap in bytes. */
    record Row(String setting, List<String> flags, long wallMs, long cpuMs, long gcCount, long pauseTotalNs,
            long pauseMaxNs, long peakBytes, String outcome) {
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

        String csv() {
            return String.join(",", setting, String.join(" ", flags), Long.toString(wallMs), Long.toString(cpuMs),
                    Long.toString(gcCount), pauseTotal(), pauseMax(), peakMb(), outcome);
        }
    }

    static final class Options {
        boolean csv;
        boolean help;
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
                            "--epsilon-heap-mb", "--settings" -> {
                        String v = inline;
                        if (v == null) {
                            if (++i == args.length) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            v = args[i];
                        }
                        if (name.equals("--settings")) {
                            o.only = List.of(v.split(","));
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
     * cpu_ms gc_count peak_heap_bytes oom. It listens to the collectors' notifications to count
     * collections and see the heap before each one.
     */
    static final class Workload {
        static final Object lock = new Object();
        static long gcCount;
        static long peakUsed;
        static long notified;

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
     * every figure that came out better goes in "pro", every one that came out worse in "con", so
     * what the table says is what was measured this time, surprises included.
     */
    static final class Table {
        /** A figure of a row; lower is better for all of them. */
        record Metric(String name, ToLongFunction<Row> value, Function<Row, String> show, String unit) {}

        static final Metric WALL = new Metric("wall", Row::wallMs, r -> Long.toString(r.wallMs), "ms");
        static final Metric CPU = new Metric("cpu", Row::cpuMs, r -> Long.toString(r.cpuMs), "ms");
        static final Metric GCS = new Metric("collections", Row::gcCount, r -> Long.toString(r.gcCount), "");
        static final Metric PAUSE = new Metric("longest pause", Row::pauseMaxNs, Row::pauseMax, "ms");
        static final Metric PEAK = new Metric("peak heap", Row::peakBytes, Row::peakMb, "MB");

        static void print(List<Row> rows, Options o) {
            Map<String, Row> by = new LinkedHashMap<>();
            rows.forEach(r -> by.put(r.setting, r));
            List<String[]> lines = new ArrayList<>();
            line(lines, by, "memory is tight", "shrink the heap (-Xmx" + o.smallHeapMb + "m)", "small-heap", "large-heap",
                    null, PEAK, GCS, CPU);
            line(lines, by, "memory to spare, CPU is dear", "grow the heap (-Xmx" + o.largeHeapMb + "m)", "large-heap",
                    "small-heap", null, GCS, CPU, PEAK);
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
            String[] head = {"situation", "action", "pro (measured)", "con (measured)"};
            int[] w = new int[4];
            for (int i = 0; i < 4; i++) {
                w[i] = head[i].length();
                for (String[] l : lines) {
                    w[i] = Math.max(w[i], l[i].length());
                }
            }
            String fmt = "%-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s | %s%n";
            System.out.printf(fmt, (Object[]) head);
            System.out.println("-".repeat(w[0]) + "-+-" + "-".repeat(w[1]) + "-+-" + "-".repeat(w[2]) + "-+-"
                    + "-".repeat(w[3]));
            lines.forEach(l -> System.out.printf(fmt, (Object[]) l));
            System.out.println("(each action's setting against the one in brackets; a difference under 5% counts as none)");
        }

        /** The line for {@code action}, comparing row {@code a} with row {@code b}, if both ran to the end. */
        static void line(List<String[]> lines, Map<String, Row> by, String situation, String action, String a,
                String b, String extraCon, Metric... metrics) {
            Row x = by.get(a);
            Row y = by.get(b);
            if (x == null || y == null || !x.ok() || !y.ok()) {
                return;
            }
            List<String> pro = new ArrayList<>();
            List<String> con = new ArrayList<>();
            for (Metric m : metrics) {
                long v = m.value.applyAsLong(x);
                long w = m.value.applyAsLong(y);
                if (Math.abs(v - w) <= Math.max(w, v) * 0.05) {
                    continue;
                }
                String text = m.name + " " + m.show.apply(x) + (m.unit.isEmpty() ? "" : " " + m.unit) + " against "
                        + m.show.apply(y);
                (v < w ? pro : con).add(text);
            }
            if (extraCon != null) {
                con.add(extraCon);
            }
            lines.add(new String[] {situation, action + " [" + b + "]", pro.isEmpty() ? "none measured" : String.join(", ", pro),
                con.isEmpty() ? "none measured" : String.join(", ", con)});
        }
    }
}
