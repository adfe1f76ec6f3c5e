#!/usr/bin/env jrun
//DESCRIPTION The JVM's "go test -bench -benchmem" and benchstat: JMH times a read() that returns a
//DESCRIPTION new array against a read(byte[]) that fills the caller's buffer, with -prof gc for the
//DESCRIPTION bytes each call allocates, with escape analysis on and off.
//DEPS org.openjdk.jmh:jmh-core:1.37
//DEPS org.openjdk.jmh:jmh-generator-annprocess:1.37
//DEPS org.apache.commons:commons-math3:3.6.1

// JMH wants its benchmarks in a package: its annotation processor generates classes beside them.
package jrun.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Two ways to read 32 bytes, as in escape-analysis.java, measured by JMH: time per call, and, with
 * its GC profiler, bytes allocated per call (gc.alloc.rate.norm, Go's B/op). Each benchmark hands
 * the bytes it read to a Blackhole, as a caller that uses them would: without it the JIT may drop
 * the work nobody reads. JMH forks --runs JVMs per setting (with and without
 * -XX:-DoEscapeAnalysis); every measured iteration of every fork is one sample. The summary gives
 * the median and spread of the samples, and the conclusions come from a Mann-Whitney U test on them
 * (commons-math3): the benchstat part, with --save and --compare for two runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BenchAlloc {
    static final String CSV_HEADER =
            "benchmark,escape_analysis,samples,ns_per_op_median,ns_per_op_min,ns_per_op_max,spread_pct,bytes_per_op";
    static final String SAVE_HEADER = "benchmark,escape_analysis,run,iteration,ns_per_op,bytes_per_op";
    /** A spread (max - min, in % of the median) above this is too wide to conclude from. */
    static final double WIDE_PCT = 25;
    static final double ALPHA = 0.05;
    /** The forks' JVM options, set here so that they never inherit whatever options started this JVM. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC");
    static final String USAGE = """
            usage: bench-alloc.java [--csv] [--runs N] [--warmup N] [--iterations N] [--time-ms N]
                                    [--escape-analysis on|off|both] [--save FILE]
                   bench-alloc.java --compare OLD NEW

            Runs two JMH benchmarks, returnsNewArray and fillsCallerBuffer, each handing what it read
            to a Blackhole, in --runs forked JVMs (default 3; --forks is the same) for each
            escape-analysis setting (default both), each with --warmup warm-up iterations (default 3)
            and --iterations measured ones (default 5) of --time-ms (default 1000) each, with JMH's
            GC profiler (-prof gc). Every measured iteration is a sample; the summary gives their
            median and spread (max - min, in %% of the median; above %.0f%% it is too wide to conclude),
            and a Mann-Whitney U test (p < %.2f) decides whether two benchmarks differ.

              --csv             print CSV only (JMH's progress goes nowhere), first line:
                                %s
              --save FILE       also write every sample to FILE (CSV, first line:
                                %s)
              --compare OLD NEW compare two saved runs per benchmark, as benchstat does: medians,
                                change in %%, its 95%% confidence interval, p-value; "~" when the
                                difference is not significant
            """.formatted(WIDE_PCT, ALPHA, CSV_HEADER, SAVE_HEADER);

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

    /** A new array per call, used by the caller: the Blackhole sees all of it, so it escapes. */
    @Benchmark
    public void returnsNewArray(Blackhole bh) {
        bh.consume(source.read());
    }

    /** The caller's buffer, filled and used the same way. */
    @Benchmark
    public void fillsCallerBuffer(Blackhole bh) {
        source.read(buf);
        bh.consume(buf);
    }

    /** One measured iteration of one fork. */
    record Sample(String benchmark, String escapeAnalysis, int run, int iteration, double nsPerOp, double bytesPerOp) {}

    /** The samples of one benchmark and setting, and what they say. */
    record Series(String benchmark, String escapeAnalysis, double[] ns, double[] bytes) {
        double median() {
            return percentile(ns, 50);
        }

        double min() {
            return Arrays.stream(ns).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(ns).max().orElse(Double.NaN);
        }

        /** max - min in % of the median. */
        double spreadPct() {
            return (max() - min()) / median() * 100;
        }

        double bytesPerOp() {
            return percentile(bytes, 50);
        }

        String key() {
            return benchmark + " (escape analysis " + escapeAnalysis + ")";
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IOException | RunnerException e) {
            System.err.println("bench-alloc: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException, RunnerException {
        boolean csv = false;
        int runs = 3;
        int warmup = 3;
        int iterations = 5;
        int timeMs = 1000;
        Path save = null;
        List<String> ea = List.of("on", "off");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--csv" -> csv = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--compare" -> {
                    if (args.length != i + 3) {
                        usage("--compare wants two saved files, OLD and NEW, and nothing else");
                    }
                    compare(Path.of(args[i + 1]), Path.of(args[i + 2]));
                    return;
                }
                case "--save" -> save = Path.of(value(args, ++i));
                case "--escape-analysis" -> {
                    String v = value(args, ++i);
                    switch (v) {
                        case "on", "off" -> ea = List.of(v);
                        case "both" -> ea = List.of("on", "off");
                        default -> usage("--escape-analysis wants on, off or both");
                    }
                }
                case "--runs", "--forks", "--warmup", "--iterations", "--time-ms" -> {
                    int n;
                    try {
                        n = Integer.parseInt(value(args, ++i));
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < (a.equals("--warmup") ? 0 : 1)) {
                        usage(a + " wants a " + (a.equals("--warmup") ? "non-negative" : "positive") + " number");
                    }
                    switch (a) {
                        case "--runs", "--forks" -> runs = n;
                        case "--warmup" -> warmup = n;
                        case "--iterations" -> iterations = n;
                        default -> timeMs = n;
                    }
                }
                default -> usage("unknown option " + a);
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (String setting : ea) {
            List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
            if (setting.equals("off")) {
                jvmArgs.add("-XX:-DoEscapeAnalysis");
            }
            if (Runtime.version().feature() >= 23) {
                jvmArgs.add("--sun-misc-unsafe-memory-access=allow");    // JMH still uses sun.misc.Unsafe
            }
            ChainedOptionsBuilder opts = new OptionsBuilder()
                    .include("^" + BenchAlloc.class.getName().replace(".", "\\.") + "\\.")
                    .forks(runs)
                    .warmupIterations(warmup)
                    .warmupTime(TimeValue.milliseconds(timeMs))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.milliseconds(timeMs))
                    .addProfiler(GCProfiler.class)
                    .jvmArgs(jvmArgs.toArray(String[]::new))      // not this JVM's own options
                    .shouldFailOnError(true);
            // with --csv, what JMH passes on from its forks goes to stderr: stdout holds only the CSV
            VerboseMode mode = csv ? VerboseMode.SILENT : VerboseMode.NORMAL;
            Collection<RunResult> results = new Runner(opts.build(),
                    OutputFormatFactory.createFormatInstance(csv ? System.err : System.out, mode)).run();
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                int fork = 0;
                for (BenchmarkResult b : r.getBenchmarkResults()) {
                    fork++;
                    int it = 0;
                    for (IterationResult ir : b.getIterationResults()) {
                        Result<?> alloc = ir.getSecondaryResults().get("gc.alloc.rate.norm");
                        samples.add(new Sample(name, setting, fork, ++it, ir.getPrimaryResult().getScore(),
                                alloc == null ? Double.NaN : alloc.getScore()));
                    }
                }
            }
        }
        if (save != null) {
            List<String> lines = new ArrayList<>(List.of(SAVE_HEADER));
            for (Sample x : samples) {
                lines.add(String.join(",", x.benchmark(), x.escapeAnalysis(), Integer.toString(x.run()),
                        Integer.toString(x.iteration()), fmt(x.nsPerOp()), fmt(x.bytesPerOp())));
            }
            Files.write(save, lines);
        }
        List<Series> series = series(samples);
        if (csv) {
            System.out.println(CSV_HEADER);
            for (Series x : series) {
                System.out.println(String.join(",", x.benchmark(), x.escapeAnalysis(), Integer.toString(x.ns().length),
                        fmt(x.median()), fmt(x.min()), fmt(x.max()), String.format(Locale.ROOT, "%.1f", x.spreadPct()),
                        fmt(x.bytesPerOp())));
            }
            return;
        }
        // go test -benchmem's columns: time and bytes per operation; benchstat's median and spread.
        System.out.println();
        System.out.println("forked JVMs: " + String.join(" ", FORK_JVM_ARGS) + " [-XX:-DoEscapeAnalysis]; " + runs
                + " runs x " + iterations + " iterations of " + timeMs + " ms = samples per line");
        System.out.printf("%-18s %-10s %7s %10s %9s %10s%n", "benchmark", "escape an.", "samples", "ns/op", "spread", "B/op");
        for (Series x : series) {
            System.out.printf("%-18s %-10s %7d %10.3f %8.0f%% %10.1f%s%n", x.benchmark(), x.escapeAnalysis(),
                    x.ns().length, x.median(), x.spreadPct(), x.bytesPerOp(),
                    x.spreadPct() > WIDE_PCT ? "  (spread too wide to conclude)" : "");
        }
        System.out.println();
        System.out.println("What these samples say (Mann-Whitney U test, significant when p < " + ALPHA + "):");
        for (String setting : ea) {
            verdict(find(series, "fillsCallerBuffer", setting), find(series, "returnsNewArray", setting));
        }
        if (ea.size() == 2) {
            verdict(find(series, "returnsNewArray", "on"), find(series, "returnsNewArray", "off"));
        }
    }

    /** One line: how much slower or faster b is than a, if the samples can tell, and what each allocates. */
    static void verdict(Series a, Series b) {
        if (a == null || b == null) {
            return;
        }
        double p = pValue(a.ns(), b.ns());
        double change = (b.median() - a.median()) / a.median() * 100;
        String alloc = String.format(Locale.ROOT, " (%.0f B/op against %.0f)", b.bytesPerOp(), a.bytesPerOp());
        String what;
        if (Double.isNaN(p) || p >= ALPHA) {
            what = String.format(Locale.ROOT, "  %s and %s:%n    no significant difference (p=%.3f)%s", b.key(), a.key(), p, alloc);
        } else {
            what = String.format(Locale.ROOT, "  %s is %.0f%% %s than %s:%n    %.3f against %.3f ns/op (p=%.3f)%s", b.key(),
                    Math.abs(change), change > 0 ? "slower" : "faster", a.key(), b.median(), a.median(), p, alloc);
        }
        if (a.spreadPct() > WIDE_PCT || b.spreadPct() > WIDE_PCT) {
            what += String.format("%n    but a spread above %d%%: too wide to conclude, try more --runs or a quieter machine",
                    (int) WIDE_PCT);
        }
        System.out.println(what);
    }

    /** benchstat for two saved runs: per benchmark, old and new median with spread, change, 95% CI, p. */
    static void compare(Path oldFile, Path newFile) throws IOException {
        List<Series> old = series(load(oldFile));
        List<Series> now = series(load(newFile));
        System.out.printf("%-38s %20s %20s %9s %19s %7s%n", "benchmark", "old ns/op", "new ns/op", "delta", "95% CI", "p");
        for (Series o : old) {
            Series n = find(now, o.benchmark(), o.escapeAnalysis());
            if (n == null) {
                continue;
            }
            double p = pValue(o.ns(), n.ns());
            double[] ci = changeInterval(o.ns(), n.ns());
            boolean significant = !Double.isNaN(p) && p < ALPHA;
            String delta = significant
                    ? String.format(Locale.ROOT, "%+.1f%%", (n.median() - o.median()) / o.median() * 100) : "~";
            String interval = Double.isNaN(ci[0]) ? "?"
                    : String.format(Locale.ROOT, "[%+.1f%%, %+.1f%%]", ci[0], ci[1]);
            System.out.printf("%-38s %20s %20s %9s %19s %7s%s%n", o.key(), medianAndSpread(o), medianAndSpread(n), delta,
                    interval, Double.isNaN(p) ? "?" : String.format(Locale.ROOT, "%.3f", p),
                    o.spreadPct() > WIDE_PCT || n.spreadPct() > WIDE_PCT ? "  spread too wide" : "");
        }
        System.out.println("n = samples, ± = half their spread; ~ = no significant difference (Mann-Whitney U test,");
        System.out.println("p >= " + ALPHA + "); 95% CI: Welch's t interval for the difference of the means, in % of the old mean");
    }

    static String medianAndSpread(Series s) {
        return String.format(Locale.ROOT, "%.3f ±%.0f%% n=%d", s.median(), s.spreadPct() / 2, s.ns().length);
    }

    /** The two-sided p-value of the Mann-Whitney U test, the test benchstat uses; NaN with too few samples. */
    static double pValue(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    /** 95% confidence interval of (mean(b) - mean(a)) / mean(a), in %, from Welch's t distribution. */
    static double[] changeInterval(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        DescriptiveStatistics sa = new DescriptiveStatistics(a), sb = new DescriptiveStatistics(b);
        double va = sa.getVariance() / a.length, vb = sb.getVariance() / b.length;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? 1 : (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        double diff = sb.getMean() - sa.getMean();
        return new double[] {(diff - t * se) / sa.getMean() * 100, (diff + t * se) / sa.getMean() * 100};
    }

    static double percentile(double[] v, double p) {
        return v.length == 0 ? Double.NaN : new DescriptiveStatistics(v).getPercentile(p);
    }

    static List<Series> series(List<Sample> samples) {
        Map<String, List<Sample>> by = new LinkedHashMap<>();
        for (Sample s : samples) {
            by.computeIfAbsent(s.benchmark() + "\0" + s.escapeAnalysis(), k -> new ArrayList<>()).add(s);
        }
        List<Series> out = new ArrayList<>();
        for (List<Sample> l : by.values()) {
            out.add(new Series(l.get(0).benchmark(), l.get(0).escapeAnalysis(),
                    l.stream().mapToDouble(Sample::nsPerOp).toArray(),
                    l.stream().mapToDouble(Sample::bytesPerOp).filter(d -> !Double.isNaN(d)).toArray()));
        }
        return out;
    }

    static Series find(List<Series> series, String benchmark, String ea) {
        return series.stream().filter(s -> s.benchmark().equals(benchmark) && s.escapeAnalysis().equals(ea))
                .findFirst().orElse(null);
    }

    /** The samples of a file written by --save. */
    static List<Sample> load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file);
        }
        if (lines.isEmpty() || !lines.get(0).equals(SAVE_HEADER)) {
            throw new IOException(file + ": not a file written by --save (its first line is not " + SAVE_HEADER + ")");
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split(",", -1);
            try {
                out.add(new Sample(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), Double.parseDouble(c[4]),
                        c[5].isEmpty() ? Double.NaN : Double.parseDouble(c[5])));
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + (i + 1) + ": want " + SAVE_HEADER + ", found: " + lines.get(i));
            }
        }
        return out;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static void usage(String problem) {
        System.err.println("bench-alloc: " + problem + " (try --help)");
        System.exit(2);
    }
}
