package dev.jrun.plan;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import dev.jrun.script.Substitution;
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

    /**
     * The files a build of {@code script} reads, to watch for changes: found as a build finds them,
     * with {@code given} (-s, --files) after the script's own directives, and no dependency resolved.
     */
    public static InputFiles inputFiles(Script script, List<Directive> given) {
        InputCollector.Result collected = InputCollector.collect(script, given, java.nio.file.Path.of("").toAbsolutePath());
        Plan.Inputs inputs = collected.inputs();
        List<java.nio.file.Path> files = new ArrayList<>();
        files.add(script.path());
        inputs.sources().forEach(s -> files.add(s.path()));
        inputs.resources().forEach(r -> files.add(r.file()));
        return new InputFiles(files.stream().distinct().toList(), collected.globs());
    }

    public Plan plan(Script script, BuildOptions options) {
        InputCollector.Result collected = InputCollector.collect(script, options.given(), options.env().dir());
        Plan.Inputs inputs = collected.inputs();
        var directives = inputs.directives();
        JvmOptions.check(directives);

        Jdk jdk = selectJdk(inputs, options);
        Resolution deps = directives.deps().isEmpty() && directives.repos().isEmpty()
                ? Resolution.NONE
                : resolver.get().resolve(inputs, options);
        deps = withClassPath(deps, directives.named("CLASSPATH"));

        Optional<String> main = directives.main().map(d -> {
            String v = d.line() == 0 ? d.words().get(0) : d.value(); // --main's value is one quoted word
            if (!v.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
                throw d.error("'" + v + "' is not a class name; write //MAIN com.example.Main");
            }
            return v;
        });
        if (main.isEmpty() && script.isPrebuilt()) {
            main = Optional.of(mainOfJar(script.isJar() ? script.realPath() : deps.classpath().isEmpty() ? null
                    : deps.classpath().get(0), script.name()));
        }
        List<Check> checks = new ArrayList<>(collected.checks());
        Substitution subst = new Substitution(options.env().vars(), options.env().systemProperties(), options.defines());
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Directive d : directives.named("MANIFEST")) {
            for (String word : d.words()) {
                // JBang's rule: a name without a value is "true"; ${name:default} is filled in
                int eq = word.indexOf('=');
                if (eq == 0) {
                    throw d.error("'" + word + "' has no attribute name; write Name=value or Name");
                }
                String name = eq < 0 ? word : word.substring(0, eq);
                if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                    throw d.error("'" + name + "' is not a manifest attribute name (letters, digits, '-' and '_')");
                }
                manifest.put(name, eq < 0 ? "true" : subst.apply(word.substring(eq + 1), d));
            }
        }
        subst.envUsed().forEach((name, value) -> checks.add(new Check.EnvIs(name, value)));
        subst.definesUsed().forEach((name, value) -> checks.add(new Check.DefineIs(name, value)));
        Agents.Found agents = Agents.of(directives.all(), deps, script.dir(), options.env().dir());
        agents.manifest().forEach(manifest::putIfAbsent);
        for (Plan.Agent a : agents.agents()) {
            checks.add(new Check.FileExists(a.path()));
        }
        // jrun jdk default may name another default JDK: the entry holds while its file is unchanged
        java.nio.file.Path defaultFile = jdks.own().defaultFile();
        checks.add(java.nio.file.Files.exists(defaultFile) ? new Check.FileUnmodified(defaultFile)
                : new Check.FilesAbsent(List.of(defaultFile)));
        if (jdks.defaultFromPath()) {
            // the default JDK is PATH's: another java first on PATH may mean another JDK
            checks.add(new Check.PathJavaIs(jdks.firstJavaOnPath()));
        }
        checks.addAll(deps.checks());
        return new Plan(inputs, jdk, deps, directives.compileOptions(), directives.javaOptions(), main,
                directives.preview(), directives.noAot(), manifest, checks, agents.agents(), agents.self());
    }

    /** The Main-Class of a jar's manifest, which JBang runs as java -jar would. */
    private static String mainOfJar(java.nio.file.Path jar, String name) {
        String main = null;
        if (jar != null) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                java.util.jar.Manifest m = file.getManifest();
                main = m == null ? null : m.getMainAttributes().getValue("Main-Class");
            } catch (java.io.IOException e) {
                throw new JrunException(ExitCode.SCRIPT, name + ": not a readable jar (" + e.getMessage()
                        + "); name a .java script, a .jar or group:artifact:version");
            }
        }
        if (main == null || main.isBlank()) {
            throw new JrunException(ExitCode.SCRIPT, name + ": its manifest names no Main-Class; name the class"
                    + " to run with --main CLASS");
        }
        return main.strip();
    }

    /** --cp/--class-path: more jars or directories, after the dependencies, for compiling and running. */
    private static Resolution withClassPath(Resolution deps, List<Directive> given) {
        if (given.isEmpty()) {
            return deps;
        }
        List<Resolution.Jar> cp = new ArrayList<>(deps.jars());
        List<Check> checks = new ArrayList<>(deps.checks());
        StringBuilder key = new StringBuilder(deps.key());
        for (Directive d : given) {
            for (String word : d.words()) {
                for (String part : word.split(":")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    java.nio.file.Path p = java.nio.file.Path.of(part).toAbsolutePath().normalize();
                    if (!java.nio.file.Files.exists(p)) {
                        throw d.error(part + ": no such file or directory");
                    }
                    cp.add(new Resolution.Jar(p, null, null)); // (used where it is: see Resolution.Jar)
                    if (java.nio.file.Files.isRegularFile(p)) {
                        checks.add(new Check.FileExists(p));
                    }
                    key.append(" cp ").append(p);
                }
            }
        }
        return new Resolution(List.copyOf(cp), List.copyOf(checks), key.toString(), deps.lockSha256());
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
