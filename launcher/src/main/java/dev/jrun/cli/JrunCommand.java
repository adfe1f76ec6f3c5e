package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Similar;
import dev.jrun.Version;
import dev.jrun.catalog.AliasResolver;
import dev.jrun.catalog.Resolved;
import dev.jrun.deps.Maven;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jrun [OPTIONS] SCRIPT [ARGS...]}, and jrun's subcommands. The sh front end runs scripts
 * itself; this command sees a script only when the front end could not use it (missing,
 * unreadable, a directory), and says why.
 */
@Command(name = "jrun", mixinStandardHelpOptions = true, versionProvider = JrunCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs a single-file Java program: compiles it once, caches the result, and starts every "
                + "later run straight from the cache.",
            ""},
        footerHeading = "%n",
        footer = {"Everything after SCRIPT is passed to the script unchanged; SCRIPT - reads it from standard "
                + "input.",
            "",
            "Environment:",
            "  JRUN_CACHE_DIR   the cache (default $XDG_CACHE_HOME/jrun, else ~/.cache/jrun)",
            "  JRUN_REPO        the local Maven repository (default ~/.m2/repository)",
            "  JRUN_SETTINGS    the Maven settings.xml (default ~/.m2/settings.xml)",
            "  JRUN_ALLOW_HTTP  1: allow plain http:// repositories beyond loopback",
            "  JRUN_PROGRESS    1 or 0: download progress on or off (default: on a terminal)",
            "  JRUN_JDKS        more JDK homes to choose from, separated by colons",
            "  JRUN_DISCO_URL   the Disco API jrun jdk install asks (default https://api.foojay.io)",
            "  JRUN_JAVA        the java that runs jrun's own builder",
            "  JRUN_NO_AOT      1: never start scripts from CDS archives or AOT caches",
            "  JRUN_COMPILE_SERVER  off: no compile server; every build starts a JVM",
            "  JRUN_COMPILE_SERVER_IDLE  idle time before the server ends (default 10m)",
            "  JRUN_GITHUB_URL  GitHub, for NAME@ORG catalogs (default https://github.com)",
            "",
            "Exit status: the script's own, or jrun's: 2 usage, 3 script unusable, 4 compile error, 5 "
                + "no suitable JDK, 6 dependency error, 7 cache unusable, 8 system error, 70 internal error."})
public final class JrunCommand implements Callable<Integer> {

    @Option(names = "--fresh", description = "Rebuild the script even if it is cached.")
    boolean fresh;

    @Option(names = "--verbose", description = "Say what jrun does; show stack traces with errors.")
    boolean verbose;

    @Option(names = {"-j", "--java"}, paramLabel = "N[+]", description = "Run on JDK N (or N or newer), overriding //JAVA.")
    String java;

    @Option(names = {"-o", "--offline"}, description = "Use no network: dependencies must be in the local repository.")
    boolean offline;

    @Option(names = "--catalog", paramLabel = "FILE|URL", description = "Look an alias NAME up in this catalog only,"
            + " instead of the jbang-catalog.json files here and the user's.")
    String catalog;

    @Option(names = "--no-aot", description = "Do not start the script from a class-data-sharing archive or AOT cache.")
    boolean noAot;

    @Option(names = "--no-cds", description = "As --no-aot (JBang's name for it).")
    boolean noCds;

    @Option(names = "--cds", description = "Start from the archive (the default; JBang's name for it).")
    boolean cds;

    @Option(names = {"--ea", "--enable-assertions"}, description = "Run with assertions on (java -ea).")
    boolean assertions;

    @Option(names = {"--esa", "--enable-system-assertions"}, description = "Run with the JDK's own assertions on (java -esa).")
    boolean systemAssertions;

    @Option(names = "--quiet", description = "Say nothing but errors: no download progress, no --verbose lines.")
    boolean quiet;

    @Option(names = "--manifest", paramLabel = "NAME=VALUE", description = "An attribute of the jar's manifest, as //MANIFEST.")
    List<String> manifest = new ArrayList<>();

    @Option(names = "--jfr", arity = "0..1", paramLabel = "OPTIONS", fallbackValue = "",
            description = {"Record the run with Java Flight Recorder into SCRIPT.jfr in the current directory. OPTIONS "
                    + "are -XX:StartFlightRecording's, e.g. --jfr=settings=profile,filename=run.jfr."})
    String jfr;

    @Spec
    CommandSpec spec;

    @Option(names = "-D", paramLabel = "NAME=VALUE",
            description = "A system property for the run; also fills in $${NAME} in //DEPS, //REPOS and //MANIFEST.")
    List<String> defines = new ArrayList<>();

    @Option(names = {"-R", "--runtime-option", "--java-options"}, paramLabel = "OPTION",
            description = "A JVM option for this run, after the script's //JAVA_OPTIONS.")
    List<String> runtimeOptions = new ArrayList<>();

    @Option(names = {"-C", "--compile-option"}, paramLabel = "OPTION", description = "A javac option, after //COMPILE_OPTIONS.")
    List<String> compileOptions = new ArrayList<>();

    @Option(names = "--deps", paramLabel = "G:A:V[,...]", description = "More dependencies, as //DEPS.")
    List<String> deps = new ArrayList<>();

    @Option(names = "--repos", paramLabel = "[ID=]URL[,...]", description = "Repositories for the dependencies, as //REPOS.")
    List<String> repos = new ArrayList<>();

    @Option(names = {"--cp", "--class-path"}, paramLabel = "PATH", description = "More jars or directories on the class path.")
    List<String> classPath = new ArrayList<>();

    @Option(names = {"-s", "--sources"}, paramLabel = "FILE", description = "More source files, as //SOURCES.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--files", paramLabel = "[TARGET=]FILE", description = "More resources, as //FILES.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-m", "--main"}, paramLabel = "CLASS", description = "The main class, overriding //MAIN.")
    String main;

    @Option(names = "--javaagent", paramLabel = "AGENT[=OPTIONS]",
            description = "Run with a Java agent: a .jar, a .java script, or group:artifact:version.")
    List<String> agents = new ArrayList<>();

    @Option(names = "--debug", arity = "0..1", paramLabel = "[HOST:]PORT", fallbackValue = "4004",
            description = "Wait for a debugger (JDWP) on PORT (default 4004) before the script starts.")
    String debug;

    @Option(names = "--enable-preview", description = "Compile and run with preview features, as //PREVIEW.")
    boolean preview;

    @Option(names = "--watch", description = {"Run the script, and run it again each time it or one of its //SOURCES or "
            + "//FILES is saved (the run stopped first); after a run ends, wait for the next save. Ctrl-C stops."})
    boolean watch;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT", description = "The .java file to run, or - for standard input.")
    String script;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", description = "Arguments for the script.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
        List<String> values = new ArrayList<>(defines);
        List.of(runtimeOptions, compileOptions, deps, repos, classPath, sources, files, agents, manifest).forEach(values::addAll);
        if (main != null) {
            values.add(main);
        }
        for (String v : values) {
            if (v.contains("\n")) {
                throw new JrunException(ExitCode.USAGE, "an option's value holds a line break ('"
                        + v.replace("\n", "\\n") + "'); jrun takes values of one line");
            }
        }
        if (script == null) {
            throw new JrunException(ExitCode.USAGE, watch ? "--watch: no script given; usage: jrun --watch [OPTIONS] SCRIPT"
                    + " [ARGS...] (see jrun --help)" : "no script given; usage: jrun [OPTIONS] SCRIPT [ARGS...] (see jrun --help)");
        }
        if (watch) {
            return watch();
        }
        if (!Files.exists(Path.of(script))) {
            if (AliasResolver.looksLikeAlias(script)) {
                return alias();
            }
            didYouMean(script);
        }
        // Reading it gives the one-line error the front end left to us (missing, unreadable, a directory, empty).
        Script.read(Path.of(script), script);
        throw new JrunException(ExitCode.USAGE, script + ": run scripts with the jrun command, which execs them;"
                + " this entry point only reports problems");
    }

    /**
     * SCRIPT is no file but has an alias's form (NAME, NAME@CATALOG), and the front end's
     * {@link AliasWords} found no alias of that name: say so, with the alias or command it most
     * likely stands for.
     */
    private int alias() throws java.io.IOException {
        CatalogLoader loader = CatalogLoader.current(offline, fresh, catalog);
        AliasResolver resolver = new AliasResolver(loader);
        Optional<Resolved> found = resolver.find(script);
        if (found.isPresent()) {
            throw new JrunException(ExitCode.USAGE, script + ": an alias of " + found.get().catalog().location()
                    + "; run it with the jrun command");
        }
        Set<String> aliases = new TreeSet<>();
        loader.local().forEach(c -> aliases.addAll(c.aliases().keySet()));
        if (Similar.closest(script, aliases).isPresent()) {
            throw resolver.unknown(script);
        }
        didYouMean(script);
        if (!aliases.isEmpty()) {
            throw resolver.unknown(script);
        }
        Script.read(Path.of(script), script); // the usual error: no such file
        return ExitCode.SCRIPT;
    }

    /** --watch: the script must be a file; each run gets the command line without --watch. */
    private int watch() throws java.io.IOException, InterruptedException {
        if (script.equals("-")) {
            throw new JrunException(ExitCode.USAGE, "--watch: standard input cannot be watched; name a script file");
        }
        Path file = Path.of(script);
        List<String> aliasOptions = List.of();
        List<String> aliasArgs = List.of();
        boolean aliased = false;
        if (!Files.exists(file) && AliasResolver.looksLikeAlias(script)) {
            AliasResolver resolver = new AliasResolver(CatalogLoader.current(offline, fresh, catalog));
            Optional<Resolved> found = resolver.find(script);
            if (found.isPresent()) {
                Resolved r = found.get();
                if (r.script().startsWith("https://") || r.script().startsWith("http://")
                        || Script.looksLikeCoordinates(r.script())) {
                    throw new JrunException(ExitCode.USAGE, "--watch: the alias " + script + " runs " + r.script()
                            + ", not a file that can be saved; name a script file");
                }
                file = Path.of(r.script());
                aliased = true;
                aliasOptions = r.options();
                aliasArgs = r.arguments();
            }
        }
        if (!Files.exists(file) && Script.looksLikeCoordinates(script)) {
            throw new JrunException(ExitCode.USAGE, "--watch: " + script + " is an artifact, not a file that can be saved;"
                    + " name a script file");
        }
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                didYouMean(script);
            }
            Script.read(file, aliased ? file.toString() : script); // (its one-line error: missing, unreadable, a directory)
        }
        List<String> given = spec.commandLine().getParseResult().expandedArgs();
        int scriptAt = given.size() - args.size() - 1;
        List<String> runArgs = new ArrayList<>(aliasOptions);
        for (int i = 0; i < given.size(); i++) {
            if (i == scriptAt) {
                runArgs.add(aliased ? file.toString() : given.get(i));
                runArgs.addAll(aliasArgs);
            } else if (i > scriptAt || !given.get(i).equals("--watch")) {
                runArgs.add(given.get(i));
            }
        }
        List<Directive> directives = new ArrayList<>();
        for (int i = 0; i + 1 < aliasOptions.size(); i++) {
            if (aliasOptions.get(i).equals("-s")) {
                directives.add(Directive.ofOption("SOURCES", aliasOptions.get(i + 1), "--sources"));
            } else if (aliasOptions.get(i).equals("--files")) {
                directives.add(Directive.ofOption("FILES", aliasOptions.get(i + 1), "--files"));
            }
        }
        sources.forEach(s -> directives.add(Directive.ofOption("SOURCES", s, "--sources")));
        files.forEach(f -> directives.add(Directive.ofOption("FILES", f, "--files")));
        return WatchCommand.run(runArgs, file, directives);
    }

    /**
     * JBang's commands that jrun has not, by their names, and the nearest way in jrun (a command of
     * jrun's own of the same name is found by picocli before a script's name is looked at).
     */
    static final Map<String, String> JBANG_COMMANDS = Map.of(
            "run", "jrun runs a script by its name, with no run command: jrun SCRIPT [ARGS]",
            "version", "jrun --version prints jrun's version",
            "config", "jrun keeps no configuration file: its settings are environment variables (JRUN_*, see jrun"
                    + " --help) and the script's own // directives",
            "wrapper", "jrun makes no wrapper scripts: commit the script with //JAVA and //DEPS in it, or hand it on"
                    + " as a jar with jrun export fatjar SCRIPT",
            "template", "jrun init -t TEMPLATE NAME.java makes a script from one of jrun's templates (jrun init --help"
                    + " lists them); jrun has no template command",
            "completion", "jrun's install puts its bash and zsh completion in place; there is no completion command");

    /** A missing script that is a script's name without .java, or a mistyped command: say which. */
    private void didYouMean(String name) {
        if (JBANG_COMMANDS.containsKey(name)) {
            throw new JrunException(ExitCode.USAGE, name + ": a JBang command jrun does not have; "
                    + JBANG_COMMANDS.get(name));
        }
        if (!name.endsWith(".java") && Files.isRegularFile(Path.of(name + ".java"))) {
            throw new JrunException(ExitCode.SCRIPT, name + ": no such file; did you mean jrun " + name + ".java?");
        }
        if (!name.contains("/") && !name.contains(".")) {
            Similar.closest(name, spec.subcommands().keySet()).ifPresent(command -> {
                throw new JrunException(ExitCode.USAGE, name + ": neither a file nor a jrun command; did you mean jrun "
                        + command + "? (jrun --help lists the commands)");
            });
        }
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jrun " + Version.get(),
                "builder on Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
