#!/usr/bin/env jrun
//DESCRIPTION The JVM's "go test -bench -benchmem" and benchstat: JMH times a read() that returns a
//DESCRIPTION new array against a read(byte[]) that fills the caller's buffer, with -prof gc for the
//DESCRIPTION bytes each call allocates, with escape analysis on and off.
//DEPS org.openjdk.jmh:jmh-core:1.37
//DEPS org.openjdk.jmh:jmh-generator-annprocess:1.37

// JMH wants its benchmarks in a package: its annotation processor generates classes beside them.
package jrun.examples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Two ways to read 32 bytes, as in escape-analysis.java, measured by JMH: time per call, and, with
 * its GC profiler, bytes allocated per call (gc.alloc.rate.norm, Go's B/op). JMH forks a JVM per
 * run (here with and without -XX:-DoEscapeAnalysis), warms up, and reports each score with its
 * error (99.9% confidence): the benchstat part.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BenchAlloc {
    static final String CSV_HEADER = "benchmark,escape_analysis,ns_per_op,ns_error,bytes_per_op";
    static final String USAGE = """
            usage: bench-alloc.java [--csv] [--forks N] [--warmup N] [--iterations N] [--time-ms N]
                                    [--escape-analysis on|off|both]

            Runs two JMH benchmarks, returnsNewArray and fillsCallerBuffer, in --forks forked JVMs
            (default 1) for each escape-analysis setting (default both), each with --warmup warm-up
            iterations (default 3) and --iterations measured ones (default 5) of --time-ms
            (default 1000) each, with JMH's GC profiler (-prof gc).

              --csv   print CSV only (JMH's progress goes nowhere), first line:
                      %s
            """.formatted(CSV_HEADER);

    /** The reader behind an interface, as in escape-analysis.java. */
    public interface Source {
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

    private final Source source = new Bytes();
    private final byte[] buf = new byte[32];

    /** A new array per call; JMH consumes the return value, but that does not make it escape. */
    @Benchmark
    public int returnsNewArray() {
        byte[] b = source.read();
        return b[0] + b[31];
    }

    @Benchmark
    public int fillsCallerBuffer() {
        source.read(buf);
        return buf[0] + buf[31];
    }

    public static void main(String[] args) throws Exception {
        boolean csv = false;
        int forks = 1;
        int warmup = 3;
        int iterations = 5;
        int timeMs = 1000;
        List<String> ea = List.of("on", "off");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--csv" -> csv = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--escape-analysis" -> {
                    String v = i + 1 < args.length ? args[++i] : "";
                    switch (v) {
                        case "on", "off" -> ea = List.of(v);
                        case "both" -> ea = List.of("on", "off");
                        default -> usage("--escape-analysis wants on, off or both");
                    }
                }
                case "--forks", "--warmup", "--iterations", "--time-ms" -> {
                    int n = -1;
                    try {
                        n = i + 1 < args.length ? Integer.parseInt(args[++i]) : -1;
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < (a.equals("--warmup") ? 0 : 1)) {
                        usage(a + " wants a " + (a.equals("--warmup") ? "non-negative" : "positive") + " number");
                    }
                    switch (a) {
                        case "--forks" -> forks = n;
                        case "--warmup" -> warmup = n;
                        case "--iterations" -> iterations = n;
                        default -> timeMs = n;
                    }
                }
                default -> usage("unknown option " + a);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (String setting : ea) {
            ChainedOptionsBuilder opts = new OptionsBuilder()
                    .include("^" + BenchAlloc.class.getName().replace(".", "\\.") + "\\.")
                    .forks(forks)
                    .warmupIterations(warmup)
                    .warmupTime(TimeValue.milliseconds(timeMs))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.milliseconds(timeMs))
                    .addProfiler(GCProfiler.class)
                    .shouldFailOnError(true);
            if (setting.equals("off")) {
                opts.jvmArgsAppend("-XX:-DoEscapeAnalysis");
            }
            if (Runtime.version().feature() >= 23) {
                opts.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");    // JMH still uses sun.misc.Unsafe
            }
            // with --csv, what JMH passes on from its forks goes to stderr: stdout holds only the CSV
            VerboseMode mode = csv ? VerboseMode.SILENT : VerboseMode.NORMAL;
            Collection<RunResult> results = new Runner(opts.build(),
                    OutputFormatFactory.createFormatInstance(csv ? System.err : System.out, mode)).run();
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                Result<?> score = r.getPrimaryResult();
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                rows.add(new String[] {name, setting, fmt(score.getScore()), fmt(score.getScoreError()),
                    alloc == null ? "" : fmt(alloc.getScore())});
            }
        }
        if (csv) {
            System.out.println(CSV_HEADER);
            rows.forEach(r -> System.out.println(String.join(",", r)));
            return;
        }
        // go test -benchmem's columns: time and bytes per operation.
        System.out.println();
        System.out.printf("%-20s %-16s %10s   %-9s %12s%n", "benchmark", "escape analysis", "ns/op", "± error", "B/op");
        for (String[] r : rows) {
            System.out.printf("%-20s %-16s %10s ± %-9s %12s%n", r[0], r[1], r[2], r[3].isEmpty() ? "?" : r[3], r[4]);
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    static void usage(String problem) {
        System.err.println("bench-alloc: " + problem + "\n" + USAGE);
        System.exit(2);
    }
}
