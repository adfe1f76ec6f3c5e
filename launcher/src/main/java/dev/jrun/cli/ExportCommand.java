package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.deps.Maven;
import dev.jrun.boot.ScriptMain;
import dev.jrun.deps.MavenResolver;
import dev.jrun.cache.Entry;
import dev.jrun.cache.EntryPath;
import dev.jrun.export.JarExport;
import dev.jrun.export.MavenProject;
import dev.jrun.build.BuildMain;
import dev.jrun.build.Builder;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code jrun export fatjar|local|portable SCRIPT}: a script handed on as a jar {@code java -jar}
 * runs; {@code jrun export maven SCRIPT DIR}: a script graduates to a project.
 */
@Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Hands a script on as a jar that java -jar runs, or turns it into a Maven project.",
        subcommands = {ExportCommand.FatJar.class, ExportCommand.Local.class, ExportCommand.Portable.class,
            ExportCommand.Maven.class, ExportCommand.Gradle.class})
public final class ExportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new JrunException(ExitCode.USAGE, "name the kind of export: jrun export fatjar|local|portable SCRIPT,"
                + " or jrun export maven SCRIPT DIR (see jrun export --help)");
    }

    /** What the jar exports share: the script, built into the cache entry a run of it uses, and where the jar goes. */
    abstract static class JarCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCRIPT", description = "The .java file (or a .jar to run).")
        Path script;

        @Option(names = {"-O", "--output"}, paramLabel = "FILE", description = "The jar to write (default: the script's"
                + " name with .jar, in the current directory).")
        Path output;

        @Option(names = "--force", description = "Overwrite FILE if it exists.")
        boolean force;

        @Option(names = {"-j", "--java"}, paramLabel = "N[+]", description = "Build on JDK N (or N or newer), overriding //JAVA.")
        String java;

        @Option(names = {"-o", "--offline"}, description = "Use no network: dependencies must be in the local repository.")
        boolean offline;

        @Option(names = "--verbose", description = "Say what jrun does; show stack traces with errors.")
        boolean verbose;

        /** The kind of jar, in messages. */
        abstract String kind();

        /** Writes the jar from the built app jar (first part) and the plan's dependencies. */
        abstract void export(JarExport.Part app, List<JarExport.Part> dependencies, Path out) throws IOException;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(script)) {
                Script.read(script, script.toString()); // its one-line error: missing, unreadable, a directory
            }
            Path out = output != null ? output : Path.of(defaultName(script.getFileName().toString()));
            if (Files.exists(out) && !force) {
                throw new JrunException(ExitCode.USAGE, out + " exists; name another file with -O FILE, or overwrite it with --force");
            }
            if (Files.exists(out) && Files.isSameFile(out, script)) {
                throw new JrunException(ExitCode.USAGE, out + " is the script itself; name another file with -O FILE");
            }
            Environment env = Environment.current();
            // the entry a run of the script would use: exported, it is also cached
            Path entryDir = EntryPath.of(env.cacheRoot(), script, java, "", env.vars(), env.dir());
            BuildOptions options = new BuildOptions(java, false, verbose, offline, Map.of(), List.of(), env);
            Planner planner = new Planner(new JdkFinder(env.vars()), () -> new MavenResolver(env.vars(), System.err));
            Builder.Built built = new Builder(planner, options, System.err).build(entryDir, env.dir().resolve(script),
                    script.toString());
            Plan plan = built.plan();
            Path build = new Entry(built.entry()).current().orElseThrow(() -> new JrunException(ExitCode.CACHE,
                    "the cache entry " + built.entry() + " is unusable after the build; run it again"));
            // jrun's own start-up classes stay behind: java -jar starts the script's main class itself
            JarExport.Part app = new JarExport.Part(script.getFileName().toString(), build.resolve(Entry.JAR),
                    ScriptMain.class.getPackageName().replace('.', '/') + "/");
            List<JarExport.Part> deps = new ArrayList<>();
            if (plan.inputs().script().isJar()) {
                deps.add(new JarExport.Part(script.getFileName().toString(), plan.inputs().script().realPath()));
            }
            plan.dependencies().jars().forEach(j -> deps.add(new JarExport.Part(j.file().getFileName().toString(), j.file())));
            warnAboutRunOptions(plan, out);
            export(app, deps, out);
            System.out.println("wrote " + kind() + " " + out + "; run it: java -jar " + out);
            return 0;
        }

        String defaultName(String scriptName) {
            return (scriptName.endsWith(".java") ? scriptName.substring(0, scriptName.length() - 5) : scriptName) + ".jar";
        }

        /** What a run gets besides the class path, which java -jar cannot read from a jar. */
        private static void warnAboutRunOptions(Plan plan, Path out) {
            List<String> options = new ArrayList<>();
            if (plan.preview()) {
                options.add("--enable-preview");
            }
            options.addAll(plan.runtimeOptions());
            if (!options.isEmpty()) {
                System.err.println("jrun: warning: a jar cannot carry the script's JVM options (//JAVA_OPTIONS, //PREVIEW);"
                        + " give them to java: java " + String.join(" ", options) + " -jar " + out);
            }
            if (!plan.agents().isEmpty()) {
                System.err.println("jrun: warning: the script's Java agents (//JAVAAGENT) are not in the jar; give them to"
                        + " java with -javaagent:JAR");
            }
        }
    }

    @Command(name = "fatjar", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Writes one jar with the script and all its dependencies, which java -jar runs anywhere.",
            description = {"Builds the script (into the cache, as a run would) and writes FILE: its classes and //FILES, "
                    + "every dependency jar merged in, META-INF/services files merged, the dependencies' signature files "
                    + "left out, Main-Class and //MANIFEST set. Of two different classes of one name in two jars, the "
                    + "first on the class path is kept, as in a run, and jrun warns about each."})
    static final class FatJar extends JarCommand {
        @Override
        String kind() {
            return "fat jar";
        }

        @Override
        void export(JarExport.Part app, List<JarExport.Part> dependencies, Path out) throws IOException {
            List<JarExport.Part> parts = new ArrayList<>(List.of(app));
            parts.addAll(dependencies);
            JarExport.fat(parts, out, w -> System.err.println("jrun: warning: " + w));
        }
    }

    @Command(name = "local", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Writes the script's jar, with a Class-Path naming its dependencies in the local repository.",
            description = {"Builds the script (into the cache, as a run would) and writes FILE: its classes and //FILES, "
                    + "Main-Class and //MANIFEST, and a manifest Class-Path of file: URLs of the dependency jars where they "
                    + "are (the local Maven repository). java -jar runs it on this machine, as long as those jars stay."})
    static final class Local extends JarCommand {
        @Override
        String kind() {
            return "jar";
        }

        @Override
        void export(JarExport.Part app, List<JarExport.Part> dependencies, Path out) throws IOException {
            JarExport.local(app, dependencies.stream().map(JarExport.Part::path).toList(), out);
        }
    }

    @Command(name = "portable", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Writes the script's jar and a lib/ directory beside it with its dependencies.",
            description = {"Builds the script (into the cache, as a run would) and writes FILE and, beside it, lib/ with "
                    + "copies of the dependency jars; FILE's manifest Class-Path names them relative to it (lib/NAME.jar). "
                    + "Copy FILE and lib/ together to another machine; java -jar runs it there."})
    static final class Portable extends JarCommand {
        @Override
        String kind() {
            return "jar (and its lib/)";
        }

        @Override
        void export(JarExport.Part app, List<JarExport.Part> dependencies, Path out) throws IOException {
            JarExport.portable(app, dependencies.stream().map(JarExport.Part::path).toList(), out);
        }
    }

    /** JBang has it; jrun says what to use instead, rather than picocli's "unmatched argument". */
    @Command(name = "gradle", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Not supported: use jrun export maven.")
    static final class Gradle implements Callable<Integer> {
        @Unmatched
        List<String> ignored = new ArrayList<>();

        @Override
        public Integer call() {
            throw new JrunException(ExitCode.USAGE, "jrun export gradle is not supported; export a Maven project instead:"
                    + " jrun export maven SCRIPT DIR (Gradle imports it: gradle init in DIR converts its pom.xml)");
        }
    }

    @Command(name = "maven", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Writes a Maven project that builds and runs the script.",
            description = {"Writes a Maven project into DIR (new or empty): pom.xml with the script's dependencies, "
                    + "repositories, Java release, compiler and JVM options and main class; the script and its "
                    + "//SOURCES under src/main/java, its //FILES under src/main/resources. mvn package builds "
                    + "target/NAME.jar (with its dependencies in target/lib), which java -jar runs; mvn -o "
                    + "package builds it offline once the dependencies are in the local repository (a run of the "
                    + "script puts them there)."})
    static final class Maven implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCRIPT", description = "The .java file.")
        Path script;

        @Parameters(index = "1", paramLabel = "DIR", description = "The project's directory: new, or empty.")
        Path dir;

        @Option(names = "--offline", description = "Resolve the dependencies from the local repository only.")
        boolean offline;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(dir) && !isEmptyDir(dir)) {
                throw new JrunException(ExitCode.USAGE, dir + ": " + (Files.isDirectory(dir) ? "is not empty" : "is not a directory")
                        + "; export into a new or empty directory");
            }
            Script s = Script.read(script, script.toString());
            Plan plan = new Planner(JdkFinder.fromEnvironment(), BuildMain::resolver)
                    .plan(s, new BuildOptions(null, false, false, offline));
            Files.createDirectories(dir);
            String jar = new MavenProject(plan).write(dir);
            System.out.println("wrote a Maven project for " + script + " in " + dir);
            System.out.println("build it: cd " + dir + " && mvn package    run it: java -jar target/" + jar);
            return 0;
        }

        private static boolean isEmptyDir(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }
    }
}
