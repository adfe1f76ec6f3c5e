package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.Json;
import dev.jrun.boot.ScriptMain;
import dev.jrun.cache.Entry;
import dev.jrun.cache.EntryPath;
import dev.jrun.build.BuildMain;
import dev.jrun.build.Builder;
import dev.jrun.build.EntryKey;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrun info SCRIPT}: what a run would do, from the same planner the builder uses and the
 * same entry name the front end computes. It resolves dependencies like a build, but compiles nothing.
 */
@Command(name = "info", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Shows what jrun would do with a script, and why.",
        description = {"Shows what jrun would do with SCRIPT: the JDK it chooses and why, the directives it read, "
                + "the resolved class path, the cache entry and whether it is current, and the java command "
                + "line."})
public final class InfoCommand implements Callable<Integer> {

    @Option(names = "--java", paramLabel = "N[+]", description = "As for a run: use JDK N (or N or newer).")
    String java;

    @Option(names = "--offline", description = "As for a run: resolve dependencies from the local repository only.")
    boolean offline;

    @Option(names = "--json", description = "Print it as JSON.")
    boolean json;

    @Parameters(paramLabel = "SCRIPT", description = "The .java file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Script script = Script.read(file, file.toString());
        Plan plan = new Planner(JdkFinder.fromEnvironment(), BuildMain::resolver)
                .plan(script, new BuildOptions(java, false, false, offline));
        Environment env = Environment.current();
        Path entry = EntryPath.of(env.cacheRoot(), file, java, env.vars());
        boolean built = Files.isDirectory(entry);
        Entry cached = new Entry(entry);
        boolean current = cached.isCurrent(EntryKey.of(plan));
        // the build that runs, or, before the first build, where it will go and the jars it will copy
        Path build = current ? cached.current().orElseThrow() : entry.resolve("b-NEW");
        String main = current ? Entry.meta(build).getProperty("main") : plan.main().orElse(null);
        String shownMain = main != null ? main : "MAIN";

        List<String> command = new ArrayList<>();
        command.add(plan.jdk().java().toString());
        command.addAll(localeOptions());
        List<String> expanded = new ArrayList<>(command);
        command.add("@" + build.resolve(Entry.ARGS));
        command.add(ScriptMain.class.getName());
        command.add(shownMain);
        // as the front end passes it: the path as given, made absolute (ScriptMain finds the real one)
        command.add(file.toAbsolutePath().toString());
        List<Path> classpath = new ArrayList<>(List.of(build.resolve(Entry.JAR)));
        plan.dependencies().classpath().forEach(j -> classpath.add(build.resolve(Entry.LIB).resolve(j.getFileName())));
        expanded.addAll(Builder.javaArgs(classpath, plan));
        expanded.add(ScriptMain.class.getName());
        expanded.add(shownMain);
        expanded.add(file.toAbsolutePath().toString());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("script", script.realPath().toString());
        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", plan.jdk().version());
        jdk.put("home", plan.jdk().home().toString());
        jdk.put("why", whyJdk(plan));
        out.put("jdk", jdk);
        List<Object> directives = new ArrayList<>();
        for (Directive d : plan.inputs().directives().all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("where", d.where());
            m.put("name", d.name());
            m.put("value", d.value());
            directives.add(m);
        }
        out.put("directives", directives);
        out.put("sources", plan.inputs().sources().stream().map(s -> s.path().toString()).toList());
        out.put("files", plan.inputs().resources().stream().map(r -> r.target() + "=" + r.file()).toList());
        out.put("classpath", plan.dependencies().classpath().stream().map(Path::toString).toList());
        out.put("entry", entry.toString());
        out.put("current", current);
        out.put("main", main);
        out.put("command", command);
        out.put("expanded", expanded);
        if (json) {
            System.out.print(Json.write(out));
            return 0;
        }
        line("script", out.get("script"));
        line("jdk", plan.jdk().version() + " at " + plan.jdk().home());
        line("", "because " + jdk.get("why"));
        if (directives.isEmpty()) {
            line("directives", "none");
        }
        for (Directive d : plan.inputs().directives().all()) {
            line(d == plan.inputs().directives().all().get(0) ? "directives" : "", d.where() + ": //" + d.name()
                    + (d.value().isEmpty() ? "" : " " + d.value()));
        }
        list("sources", plan.inputs().sources().stream().map(s -> s.path().toString()).toList());
        list("files", plan.inputs().resources().stream().map(r -> r.target() + " <- " + r.file()).toList());
        list("class path", plan.dependencies().classpath().stream().map(Path::toString).toList());
        line("cache entry", entry);
        line("", current ? "current: the next run starts from it"
                : built ? "out of date: the next run rebuilds it" : "not built yet: the next run builds it");
        line("main class", main != null ? main : "the first top-level class of the script (known once compiled)");
        line("command", String.join(" ", command));
        line("expanded", String.join(" ", expanded));
        return 0;
    }

    private String whyJdk(Plan plan) {
        if (java != null) {
            return "--java " + java + " asks for it";
        }
        var d = plan.inputs().directives().java();
        if (d.isPresent()) {
            return d.get().where() + ": //JAVA " + d.get().value()
                    + " asks for it (the default JDK if it fits, else the newest that does)";
        }
        return "it is the default JDK (" + switch (JdkFinder.fromEnvironment().defaultSource()) {
            case "jrun jdk default" -> "set by jrun jdk default";
            case "JAVA_HOME" -> "JAVA_HOME's";
            default -> "the java on PATH";
        } + ") and the script asks for no version";
    }

    /** The options the front end adds in the C locale when the system has no C.UTF-8 to give the JVM. */
    private static List<String> localeOptions() {
        if (Environment.current().cLocale()) {
            return List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
                    "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");
        }
        return List.of();
    }

    private static void line(String label, Object value) {
        System.out.printf("%-12s%s%n", label, value);
    }

    private static void list(String label, List<String> values) {
        if (values.isEmpty()) {
            line(label, "none");
        }
        for (int i = 0; i < values.size(); i++) {
            line(i == 0 ? label : "", values.get(i));
        }
    }
}
