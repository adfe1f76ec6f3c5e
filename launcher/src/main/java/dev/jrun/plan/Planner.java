package dev.jrun.plan;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Decides how a script is built and run: its inputs, its JDK, its class path and options. */
public final class Planner {
    private final JdkFinder jdks;
    private final Supplier<DependencyResolver> resolver;

    /**
     * @param resolver makes the dependency resolver; called only for a script that has //DEPS or
     *                 //REPOS, so that a script without them loads none of its classes
     */
    public Planner(JdkFinder jdks, Supplier<DependencyResolver> resolver) {
        this.jdks = jdks;
        this.resolver = resolver;
    }

    /** The files and directives a build of {@code script} reads, without planning it (for jrun lock). */
    public static Plan.Inputs inputs(Script script) {
        return InputCollector.collect(script).inputs();
    }

    public Plan plan(Script script, BuildOptions options) {
        InputCollector.Result collected = InputCollector.collect(script);
        Plan.Inputs inputs = collected.inputs();
        var directives = inputs.directives();
        JvmOptions.check(directives);

        Jdk jdk = selectJdk(inputs, options);
        Resolution deps = directives.deps().isEmpty() && directives.repos().isEmpty()
                ? Resolution.NONE
                : resolver.get().resolve(inputs, options);

        Optional<String> main = directives.main().map(d -> {
            if (!d.value().matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
                throw d.error("'" + d.value() + "' is not a class name; write //MAIN com.example.Main");
            }
            return d.value();
        });
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Directive d : directives.named("MANIFEST")) {
            for (String word : d.words()) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw d.error("'" + word + "' is not of the form Name=value");
                }
                manifest.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        List<Check> checks = new ArrayList<>(collected.checks());
        if (jdks.defaultFromPath()) {
            // the default JDK is PATH's: another java first on PATH may mean another JDK
            checks.add(new Check.PathJavaIs(jdks.firstJavaOnPath()));
        }
        checks.addAll(deps.checks());
        return new Plan(inputs, jdk, deps, directives.compileOptions(), directives.javaOptions(), main,
                directives.preview(), directives.noAot(), manifest, checks);
    }

    private Jdk selectJdk(Plan.Inputs inputs, BuildOptions options) {
        if (options.java() != null) {
            JavaRequirement req = JavaRequirement.parse(options.java());
            if (req == null) {
                throw new JrunException(ExitCode.USAGE,
                        "--java " + options.java() + ": not a Java release; write --java 21 or --java 21+");
            }
            return jdks.select(req, "--java " + req);
        }
        Optional<Directive> java = inputs.directives().java();
        if (java.isEmpty()) {
            return jdks.select(null, null);
        }
        Directive d = java.get();
        JavaRequirement req = JavaRequirement.parse(d.value());
        if (req == null) {
            throw d.error("'" + d.value() + "' is not a Java release; write //JAVA 21 (exactly 21) or //JAVA 21+ (21 or newer)");
        }
        return jdks.select(req, d.where() + ": //JAVA " + req);
    }
}
