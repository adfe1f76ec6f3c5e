package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.catalog.AliasResolver;
import dev.jrun.catalog.Resolved;
import dev.jrun.script.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrun build [OPTIONS] SCRIPT}. The sh front end builds (it names the entry exactly as for a
 * run, so the next run is a hit); this command sees it only for --help and for a script or an
 * option the front end could not use, and says what is wrong. Its options are the run's that change
 * the build, listed for --help.
 */
@Command(name = "build", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        header = "Compiles the script into the cache without running it; the next jrun SCRIPT starts from the cache.",
        description = {"For container images and CI: build once, run many times without a compile. Takes the "
                + "options of a run that change the build, after build; a compile error is reported as on a run "
                + "(file:line, status 4)."})
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--fresh", description = "Rebuild even if it is cached.")
    boolean fresh;

    @Option(names = "--verbose", description = "Say what jrun does; show stack traces with errors.")
    boolean verbose;

    @Option(names = {"-j", "--java"}, paramLabel = "N[+]", description = "Build for JDK N (or N or newer), overriding //JAVA.")
    String java;

    @Option(names = {"-o", "--offline"}, description = "Use no network: dependencies must be in the local repository.")
    boolean offline;

    @Option(names = "--catalog", paramLabel = "FILE|URL", description = "Look an alias NAME up in this catalog only,"
            + " instead of the jbang-catalog.json files here and the user's.")
    String catalog;

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Fills in $${NAME} in //DEPS, //REPOS and //MANIFEST.")
    List<String> defines = new ArrayList<>();

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

    @Option(names = "--javaagent", paramLabel = "AGENT[=OPTIONS]", description = "A Java agent the runs will use.")
    List<String> agents = new ArrayList<>();

    @Option(names = "--enable-preview", description = "Compile with preview features, as //PREVIEW.")
    boolean preview;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The .java file to build, or an alias (NAME, NAME@CATALOG).")
    String script;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", hidden = true)
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> values = new ArrayList<>(defines);
        List.of(compileOptions, deps, repos, classPath, sources, files, agents).forEach(values::addAll);
        for (String v : values) {
            if (v.contains("\n")) {
                throw new JrunException(ExitCode.USAGE, "an option's value holds a line break ('"
                        + v.replace("\n", "\\n") + "'); jrun takes values of one line");
            }
        }
        if (!args.isEmpty()) {
            throw new JrunException(ExitCode.USAGE, "jrun build takes a script, not its arguments (" + String.join(" ", args)
                    + "); give them to the run: jrun " + script + " ARGS");
        }
        if (script.equals("-")) {
            throw new JrunException(ExitCode.USAGE, "jrun build: standard input is run, not built; name a script file");
        }
        if (!Files.exists(Path.of(script)) && AliasResolver.looksLikeAlias(script)) {
            alias();
        }
        if (!Files.isRegularFile(Path.of(script))) {
            Script.read(Path.of(script), script); // its one-line error: missing, unreadable, a directory
        }
        // reached only from jrun OPTIONS build SCRIPT: the front end reads a run's options before SCRIPT
        throw new JrunException(ExitCode.USAGE, "put the options after build: jrun build [OPTIONS] " + script);
    }

    /** jrun build NAME, NAME no file: the front end builds an alias; here, one it did not find, or its near miss. */
    private void alias() {
        CatalogLoader loader = CatalogLoader.current(offline, fresh, catalog);
        AliasResolver resolver = new AliasResolver(loader);
        java.util.Optional<Resolved> found = resolver.find(script);
        if (found.isPresent()) {
            throw new JrunException(ExitCode.USAGE, script + ": an alias of " + found.get().catalog().location()
                    + "; build it with the jrun command");
        }
        for (dev.jrun.catalog.Catalog c : loader.local()) {
            if (!c.aliases().isEmpty()) {
                throw resolver.unknown(script);
            }
        }
    }
}
