package dev.jrun.secure;

import dev.jrun.JrunException;
import dev.jrun.deps.DependencyPolicy;
import dev.jrun.deps.MavenResolver;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jrun update}: moves a script's //DEPS to the newest patch, minor or major versions, then
 * resolves (under the policy), refreshes SCRIPT.lock if there is one, and compiles. If any of that
 * fails, every file it wrote gets its old bytes back.
 */
public final class Updater {
    private final BuildOptions options;
    private final PrintStream out;

    public Updater(BuildOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Returns 0; throws a JrunException (the files restored) when the update does not resolve or compile. */
    public int update(String name, Upgrades.Level level) throws IOException {
        Map<Path, List<DepsRewriter.Edit>> edits = edits(name, level);
        if (edits.isEmpty()) {
            out.println(name + ": no //DEPS has a newer " + level.name().toLowerCase(java.util.Locale.ROOT) + " version");
            return 0;
        }
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path file : edits.keySet()) {
            before.put(file, Files.readAllBytes(file));
        }
        Path lock = Path.of(name + ".lock");
        if (Files.isRegularFile(lock)) {
            before.put(lock, Files.readAllBytes(lock));
        }
        try {
            for (Map.Entry<Path, List<DepsRewriter.Edit>> e : edits.entrySet()) {
                String text = new String(before.get(e.getKey()), StandardCharsets.UTF_8);
                Files.writeString(e.getKey(), DepsRewriter.apply(text, e.getValue()), StandardCharsets.UTF_8);
            }
            if (before.containsKey(lock)) {
                MavenResolver.lock(Planner.inputs(Script.read(Path.of(name), name)), options.offline(), System.err);
            }
            Plan plan = SecurityCheck.plan(name, DependencyPolicy.load(System.getenv()), options);
            int status = SecurityCheck.compile(plan, Analyser.compileOnly(), SecurityCheck.javacOptions(plan, false),
                    options.verbose());
            if (status != 0) {
                throw new JrunException(status, name + ": does not compile with the new versions (errors above); "
                        + "it is left unchanged: update one dependency at a time, or with --patch or --minor");
            }
        } catch (IOException | RuntimeException e) {
            for (Map.Entry<Path, byte[]> b : before.entrySet()) {
                Files.write(b.getKey(), b.getValue());
            }
            if (e instanceof JrunException j && j.getMessage() != null && !j.getMessage().contains("left unchanged")) {
                throw new JrunException(j.status(), j.getMessage() + " (" + name + " is left unchanged)", j);
            }
            throw e;
        }
        printDiff(edits, before);
        return 0;
    }

    /** The edits to make, by file: the script's and its //SOURCES files' //DEPS lines. */
    private Map<Path, List<DepsRewriter.Edit>> edits(String name, Upgrades.Level level) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Script script = Script.read(Path.of(name), name);
        files.put(script.name(), script.path());
        Planner.inputs(script).sources().forEach(s -> files.put(s.name(), s.path()));
        Map<Path, List<DepsRewriter.Edit>> edits = new LinkedHashMap<>();
        for (Outdated.Row r : Outdated.of(name, options.offline(), Advisories.NONE)) {
            String to = r.upgrades().at(level);
            Path file = files.get(r.dep().directive().file());
            if (to == null || file == null) {
                continue;
            }
            DepsRewriter.Edit e = new DepsRewriter.Edit(r.dep().directive().line(), r.ga() + ":" + r.current(),
                    r.ga() + ":" + to);
            if (DepsRewriter.applies(Files.readString(file, StandardCharsets.UTF_8), e)) {
                edits.computeIfAbsent(file, f -> new ArrayList<>()).add(e);
            } else {
                System.err.println("jrun: " + r.dep().directive().where() + ": " + r.ga() + " is not written out"
                        + " (a ${...} property?); update it by hand to " + to);
            }
        }
        return edits;
    }

    /** Prints what changed as a unified diff, one hunk a line. */
    private void printDiff(Map<Path, List<DepsRewriter.Edit>> edits, Map<Path, byte[]> before) throws IOException {
        StringBuilder d = new StringBuilder();
        for (Map.Entry<Path, List<DepsRewriter.Edit>> e : edits.entrySet()) {
            String old = new String(before.get(e.getKey()), StandardCharsets.UTF_8);
            String now = Files.readString(e.getKey(), StandardCharsets.UTF_8);
            d.append("--- ").append(e.getKey()).append('\n').append("+++ ").append(e.getKey()).append('\n');
            for (DepsRewriter.Edit edit : e.getValue()) {
                d.append("@@ -").append(edit.line()).append(" +").append(edit.line()).append(" @@\n");
                d.append('-').append(DepsRewriter.line(old, edit.line())).append('\n');
                d.append('+').append(DepsRewriter.line(now, edit.line())).append('\n');
            }
        }
        out.print(d);
    }
}
