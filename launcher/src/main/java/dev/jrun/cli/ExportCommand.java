package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.deps.Maven;
import dev.jrun.export.MavenProject;
import dev.jrun.launch.BuildMain;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun export maven SCRIPT DIR}: a script graduates to a project. */
@Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Turns a script into a project of a build tool.",
        subcommands = ExportCommand.Maven.class)
public final class ExportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new JrunException(ExitCode.USAGE, "name the kind of project: jrun export maven SCRIPT DIR");
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
