#!/usr/bin/env jrun
//DESCRIPTION Stack or heap? A read() that returns a new 32-byte array against a read(byte[]) that
//DESCRIPTION fills the caller's buffer, measured in bytes allocated per call, with the JIT's escape
//DESCRIPTION analysis on and off (child JVMs), after warm-up.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's talk: "func (r *Reader) Read() []byte" allocates on every call, because the slice escapes to
 * the caller; "Read(b []byte)" lets the caller reuse one buffer. Go's compiler settles escape at
 * build time. The JVM's JIT does it at run time, after inlining what the profile says is hot, even
 * through an interface: the new array can then stay in registers. This script measures it.
 */
public class EscapeAnalysis {
    static final String CSV_HEADER = "variant,escape_analysis,calls,bytes_per_call";
    static final String USAGE = """
            usage: escape-analysis.java [--csv] [--calls N] [--warmup N] [--show-jit]

            Calls a 32-byte read through an interface, two ways, each in a child JVM of this
            script's Java, with escape analysis on (the default) and off (-XX:-DoEscapeAnalysis):
              returns-new-array    byte[] read()           a new array every call
              fills-caller-buffer  int read(byte[] b)      the caller's one buffer
            After --warmup calls (default 2000000, enough for the optimising JIT), it measures the
            bytes the thread allocates over --calls more (default 10000000) and prints bytes per call.

              --show-jit  also print what the JIT said about inlining the read methods
              --csv       print CSV only, first line:
                          %s
            """.formatted(CSV_HEADER);

    /** The reader, as Go's io.Reader: an interface the caller sees, one implementation behind it. */
    interface Source {
        byte[] read();

        int read(byte[] b);
    }

    static final class Bytes implements Source {
        private final byte[] data = new byte[4096];
        private int pos;

        Bytes() {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
        }

        @Override
        public byte[] read() {
            byte[] b = new byte[32];
            read(b);
            return b;
        }

        @Override
        public int read(byte[] b) {
            System.arraycopy(data, pos, b, 0, 32);
            pos = (pos + 32) & (data.length - 1);
            return 32;
        }
    }

    static long returnsNewArray(Source s, long calls) {
        long sum = 0;
        for (long i = 0; i < calls; i++) {
            byte[] b = s.read();
            sum += b[0] + b[31];
        }
        return sum;
    }

    static long fillsCallerBuffer(Source s, long calls) {
        byte[] buf = new byte[32];
        long sum = 0;
        for (long i = 0; i < calls; i++) {
            s.read(buf);
            sum += buf[0] + buf[31];
        }
        return sum;
    }

    /** Child: VARIANT WARMUP CALLS; prints RESULT bytes_allocated on stderr (stdout has the JIT's notes). */
    static void child(String variant, long warmup, long calls) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Source s = new Bytes();
        boolean fresh = variant.equals("returns-new-array");
        long sink = 0;
        // Warm-up in chunks, so the loop methods are compiled whole, not only their loops (OSR).
        for (long done = 0; done < warmup; done += 10_000) {
            sink += fresh ? returnsNewArray(s, 10_000) : fillsCallerBuffer(s, 10_000);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += fresh ? returnsNewArray(s, calls) : fillsCallerBuffer(s, calls);
        long after = threads.getCurrentThreadAllocatedBytes();
        System.err.println("RESULT " + (after - before) + " " + sink);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--child")) {
            child(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
            return;
        }
        boolean csv = false;
        boolean showJit = false;
        long calls = 10_000_000;
        long warmup = 2_000_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--csv" -> csv = true;
                case "--show-jit" -> showJit = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--calls", "--warmup" -> {
                    long n = -1;
                    if (i + 1 < args.length) {
                        try {
                            n = Long.parseLong(args[++i]);
                        } catch (NumberFormatException e) {
                            n = -1;
                        }
                    }
                    if (n < 1) {
                        usage(a + " wants a positive number");
                    }
                    if (a.equals("--calls")) {
                        calls = n;
                    } else {
                        warmup = n;
                    }
                }
                default -> usage("unknown option " + a);
            }
        }
        if (csv) {
            System.out.println(CSV_HEADER);
        } else {
            System.out.printf("Java %s (%s); %,d calls each, after %,d of warm-up%n%n", System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), calls, warmup);
            System.out.printf("%-20s %-16s %14s %15s%n", "variant", "escape analysis", "calls", "bytes/call");
        }
        Map<String, Double> perCall = new LinkedHashMap<>();
        Map<String, List<String>> jit = new LinkedHashMap<>();
        for (String variant : List.of("returns-new-array", "fills-caller-buffer")) {
            for (String ea : List.of("on", "off")) {
                List<String> said = new ArrayList<>();
                long bytes = run(variant, ea.equals("on"), warmup, calls, said);
                double bpc = (double) bytes / calls;
                perCall.put(variant + "/" + ea, bpc);
                jit.put(variant + "/" + ea, said);
                if (csv) {
                    System.out.printf(Locale.ROOT, "%s,%s,%d,%.3f%n", variant, ea, calls, bpc);
                } else {
                    System.out.printf(Locale.ROOT, "%-20s %-16s %,14d %15.3f%n", variant, ea, calls, bpc);
                }
            }
        }
        if (!csv) {
            explain(perCall, jit, showJit);
        }
    }

    static void usage(String problem) {
        System.err.println("escape-analysis: " + problem + "\n" + USAGE);
        System.exit(2);
    }

    /**
     * One child JVM: the same java, this script's class path. The JIT's inlining decisions
     * (-XX:+PrintInlining, a diagnostic option every HotSpot has) are kept for the explanation.
     */
    static long run(String variant, boolean ea, long warmup, long calls, List<String> jitSaid)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintInlining"));
        if (!ea) {
            cmd.add("-XX:-DoEscapeAnalysis");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MethodHandles.lookup().lookupClass().getName(),
                "--child", variant, Long.toString(warmup), Long.toString(calls)));
        Path notes = Files.createTempFile("escape-analysis-", ".jit");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(notes.toFile()).start();  // jrun:nosec COMMAND_INJECTION argv list, no shell: this JDK's java and the example's own options
            String result = null;
            StringBuilder err = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    err.append(line).append('\n');
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                }
            }
            int status = p.waitFor();
            if (result == null || status != 0) {
                throw new IllegalStateException("child JVM " + String.join(" ", cmd) + " failed (status " + status
                        + "):\n" + err);
            }
            try (BufferedReader in = Files.newBufferedReader(notes, StandardCharsets.ISO_8859_1)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.contains("Bytes::read (") && !jitSaid.contains(line.strip())) {
                        jitSaid.add(line.strip());
                    }
                }
            }
            return Long.parseLong(result.split(" ")[1]);
        } finally {
            Files.deleteIfExists(notes);
        }
    }

    static void explain(Map<String, Double> b, Map<String, List<String>> jit, boolean showJit) {
        double newOn = b.get("returns-new-array/on");
        double newOff = b.get("returns-new-array/off");
        double bufOn = b.get("fills-caller-buffer/on");
        boolean inlined = jit.get("returns-new-array/on").stream().anyMatch(l -> l.contains("inline (hot)"));
        System.out.println();
        System.out.printf(Locale.ROOT, "Without escape analysis, read() costs %.1f bytes a call: a new array each time "
                + "(32 bytes of data, %.0f of object header).%n", newOff, newOff - 32);
        if (newOn < newOff / 10) {
            System.out.printf(Locale.ROOT, "With it, %.1f bytes a call: the JIT %s read() into the loop, through the "
                    + "Source interface%n", newOn, inlined ? "inlined" : "(as --show-jit tells) inlined");
            System.out.println("(one class implements it, and the type profile saw only that one), saw that the new array"
                    + " never leaves the loop,");
            System.out.println("and replaced it with its bytes in registers: scalar replacement. No allocation, nothing for the GC.");
        } else {
            System.out.printf(Locale.ROOT, "With it, %.1f bytes a call: this time the JIT did not remove the allocation"
                    + "%s.%n", newOn, inlined ? " although it inlined read()" : " (read() was not inlined)");
        }
        System.out.printf(Locale.ROOT, "read(byte[] b) costs %.3f bytes a call either way: the caller's one buffer"
                + " is reused, whatever the JIT decides.%n", bufOn);
        System.out.println();
        System.out.println("Go's compiler decides escape once, at build time, and a call through an interface such as");
        System.out.println("io.Reader is not inlined there (short of profile-guided devirtualisation): a returned slice");
        System.out.println("escapes, so it goes on the heap. HotSpot inlines at run time what the profile says is hot,");
        System.out.println("interface calls included, and then analyses escape across the inlined code: the allocation");
        System.out.println("Go must keep, Java can often drop. Designing the API so the caller owns the buffer, as Go's");
        System.out.println("io.Reader does, is the choice that needs no luck from the JIT.");
        if (showJit) {
            System.out.println();
            jit.forEach((k, lines) -> {
                System.out.println("JIT inlining of Bytes::read, " + k.replace("/", ", escape analysis ") + ":");
                lines.forEach(l -> System.out.println("  " + l));
            });
        }
    }
}
