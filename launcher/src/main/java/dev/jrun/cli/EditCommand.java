package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.Environment;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.cache.CacheRoot;
import dev.jrun.export.MavenProject;
import dev.jrun.build.BuildMain;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrun edit SCRIPT}: JBang's edit. A Maven project an IDE opens, in the cache, whose sources
 * are links to the script and its //SOURCES (edits go to the script itself) and whose pom.xml has
 * the script's dependencies; running it again after an edit to //DEPS brings the project up to date.
 */
@Command(name = "edit", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Makes a project an IDE opens, linked to the script, and prints its directory.",
        description = {"Writes a Maven project (pom.xml with the script's dependencies and options; the script, its",
            "//SOURCES and //FILES linked under src/main) in the cache and prints its directory. Run it again after",
            "changing //DEPS or //SOURCES to bring the project up to date."})
final class EditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The .java file.")
    Path script;

    @Option(names = "--open", paramLabel = "CMD", description = "Start CMD (an editor, e.g. code or idea) on the project's directory.")
    String open;

    @Option(names = "--offline", description = "Resolve the dependencies from the local repository only.")
    boolean offline;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Script s = Script.read(script, script.toString());
        Plan plan = new Planner(JdkFinder.fromEnvironment(), BuildMain::resolver)
                .plan(s, new BuildOptions(null, false, false, offline));
        CacheRoot cache = CacheRoot.open(Environment.current().cacheRoot());
        String base = s.realPath().getFileName().toString().replaceAll("\\.java$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path dir = cache.path().resolve("edit").resolve(base + "-" + Hashing.of(s.realPath().toString()).substring(0, 16));
        Files.createDirectories(dir);
        // the project's own files are links and a pom.xml: replace them, keep what the IDE added (.idea, target)
        unlinkTree(dir.resolve("src"));
        Files.deleteIfExists(dir.resolve("pom.xml"));
        new MavenProject(plan, true).write(dir);
        System.out.println(dir);
        if (open != null) {
            List<String> cmd = new ArrayList<>(List.of(open.strip().split("\\s+")));
            cmd.add(dir.toString());
            try {
                new ProcessBuilder(cmd).inheritIO().start();
            } catch (IOException e) {
                throw new JrunException(ExitCode.USAGE, "--open " + open + ": cannot start it (" + e.getMessage()
                        + "); name an editor on PATH, e.g. --open=code");
            }
        }
        return 0;
    }

    /** Deletes a tree of directories and links without following a link: the script stays. */
    private static void unlinkTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
