package dev.jrun.secure;

import dev.jrun.deps.DependencyPolicy;
import dev.jrun.deps.MavenResolver;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.JdkFinder;
import dev.jrun.compile.JavacOptions;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jrun check} on one script: plans it as a build would (its JDK, its //DEPS under the policy,
 * every violation collected), prints the violations, then compiles and analyses it in the analyser JVM.
 */
public final class SecurityCheck {
    private final BuildOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private Analyser analyser;

    public SecurityCheck(BuildOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Checks {@code name}; returns 0 when clean, 1 when something was found, 4 when it does not compile. */
    public int check(String name) throws IOException {
        long start = System.nanoTime();
        DependencyPolicy policy = DependencyPolicy.load(System.getenv()).collecting();
        Plan plan = plan(name, policy, options);
        policy.violations().forEach(v -> out.println(v.finding()));
        out.flush();
        if (analyser == null) {
            long t = System.nanoTime();
            analyser = Analyser.resolve(options.offline(), err);
            say("resolved the analyser in " + (System.nanoTime() - t) / 1_000_000 + " ms");
        }
        int status = compile(plan, analyser, javacOptions(plan, true), options.verbose());
        say("checked " + name + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return status == 0 && !policy.violations().isEmpty() ? 1 : status;
    }

    /** Plans the script {@code name} as a build would, its //DEPS under {@code policy}. */
    static Plan plan(String name, DependencyPolicy policy, BuildOptions options) {
        Script script = Script.read(Path.of(name), name);
        return new Planner(JdkFinder.fromEnvironment(), () -> new MavenResolver(policy)).plan(script, options);
    }

    /** Compiles (and with an analyser, analyses) the plan's script in a JVM of its JDK; returns that JVM's status. */
    static int compile(Plan plan, Analyser analyser, List<String> javacOptions, boolean verbose) throws IOException {
        Path dir = Files.createTempDirectory("jrun-check-");
        try {
            List<Path> units = new ArrayList<>(List.of(plan.inputs().script().path()));
            List<String> names = new ArrayList<>(List.of(plan.inputs().script().name()));
            plan.inputs().sources().forEach(s -> {
                units.add(s.path());
                names.add(s.name());
            });
            CheckRequest req = new CheckRequest(units, names, plan.dependencies().classpath(), javacOptions,
                    Files.createDirectory(dir.resolve("classes")), null);
            return analyser.run(plan.jdk(), req, dir, verbose);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The builder's javac options, and with {@code lint} every lint warning but {@code restricted} for
     * a script that enables native access (its //JAVA_OPTIONS say it means to call restricted methods).
     */
    static List<String> javacOptions(Plan plan, boolean lint) {
        List<String> opts = new ArrayList<>(JavacOptions.of(plan));
        if (lint) {
            // before the script's own //COMPILE_OPTIONS (the last ones), which may turn some off again
            int at = opts.size() - plan.compileOptions().size();
            // (not "processing": javac's note that no processor claimed an annotation, such as
            // picocli's or JUnit's, is nothing a user can act on)
            opts.add(at, "-Xlint:all");
            opts.add(at + 1, "-Xlint:-processing");
            at++;
            if (plan.runtimeOptions().stream().anyMatch(o -> o.startsWith("--enable-native-access"))) {
                opts.add(at + 1, "-Xlint:-restricted");
            }
        }
        return opts;
    }

    private void say(String what) {
        if (options.verbose()) {
            err.println("jrun: " + what);
        }
    }
}
