package dev.jrun.build;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Version;
import dev.jrun.aot.AotFiles;
import dev.jrun.boot.JshMain;
import dev.jrun.boot.ScriptMain;
import dev.jrun.compile.CompileRequest;
import dev.jrun.compile.CompileResult;
import dev.jrun.compile.Compiler;
import dev.jrun.compile.CompileWorkers;
import dev.jrun.compile.CompilerJvm;
import dev.jrun.compile.JarWriter;
import dev.jrun.compile.JavacOptions;
import dev.jrun.cache.CacheGc;
import dev.jrun.cache.CacheRoot;
import dev.jrun.cache.Entry;
import dev.jrun.cache.EntryWriter;
import dev.jrun.cache.RunEnv;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Check;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.plan.Resolution;
import dev.jrun.script.DirectiveParser;
import dev.jrun.script.Script;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Builds a script's cache entry: reads the script once, plans (which reads every other input once),
 * compiles exactly the text that was read, packs the jar, links verified copies of the dependency
 * jars, writes the launch files and publishes the build. Builds of one entry take turns on its
 * lock; a build that finds the entry already current (another run built it meanwhile) does nothing.
 */
public final class Builder {

    /** What a build made current: the entry's directory, and the plan of its inputs. */
    public record Built(Path entry, Plan plan) {
    }

    private final Planner planner;
    private final BuildOptions options;
    private final PrintStream err;
    private final CompileWorkers workers;

    public Builder(Planner planner, BuildOptions options, PrintStream err) {
        this(planner, options, err, null);
    }

    /** @param workers a compile server's compilers for other JDKs, or null to start one JVM a compile */
    public Builder(Planner planner, BuildOptions options, PrintStream err, CompileWorkers workers) {
        this.planner = planner;
        this.options = options;
        this.err = err;
        this.workers = workers;
    }

    /**
     * How many times a script whose build failed while it changed is read: up to this many reads in
     * all, then the failure is reported. A build during which an input changed is never published
     * (it may have read the first half of an in-place save): it is read again, past this count too,
     * until {@link #CHANGING_FOR} has passed; then it is an error.
     */
    static final int MAX_READS = 3;

    /** How long the inputs may keep changing under one build before it gives up (saved over and over). */
    static final java.time.Duration CHANGING_FOR = java.time.Duration.ofSeconds(10);

    /**
     * Makes the entry at {@code entryDir} current for the script at {@code scriptPath}, or, when the
     * script on disk is no longer what the front end hashed (it was saved in between), the entry of
     * the version read: {@code SCRIPTHASH} is that version's hash, the rest of the name the front
     * end's. Each attempt reads every input once, each a whole version ({@link dev.jrun.script.Settle}):
     * what is hashed is exactly what is compiled and recorded. An attempt during which the script,
     * a //SOURCES or //FILES file or a file javac read changed is not published: the new versions
     * are read and built instead, and so is one that fails (a compile error, a bad directive) while
     * the script has changed since it was read: an editor's save is not the user's error (up to
     * {@link #MAX_READS} reads). Only an attempt whose inputs held still is published; one that saw
     * them change is read again, for at least {@link #MAX_READS} attempts and {@link #CHANGING_FOR},
     * then the build fails with an error that says so.
     *
     * @param entryDir the entry directory the front end named: ROOT/entries/SCRIPTHASH-VARIANT[-LOCK]
     * @param name     the script's name in messages
     * @return the entry made current (another than {@code entryDir} when the script changed under the
     *         build) and the plan it was built (or found current) for: what an export packs beside its jar
     */
    public Built build(Path entryDir, Path scriptPath, String name) throws IOException {
        boolean file = !Script.looksLikeCoordinates(scriptPath.toString()) && !scriptPath.toString().endsWith(".jar");
        long giveUp = System.nanoTime() + CHANGING_FOR.toNanos();
        for (int reads = 1;; reads++) {
            Script script = Script.looksLikeCoordinates(scriptPath.toString()) ? Script.coordinates(scriptPath.toString())
                    : !file ? Script.jar(scriptPath, name) : Script.read(scriptPath, name);
            try {
                return build(entryDir, script, name, file);
            } catch (ChangedWhileBuilt e) {
                if (reads >= MAX_READS && System.nanoTime() - giveUp > 0) {
                    throw new JrunException(ExitCode.SCRIPT, name + ": it, or a file it reads, changed under each of " + reads
                            + " builds in " + CHANGING_FOR.toSeconds() + " s (saved over and over); run it again once it is"
                            + " saved");
                }
                say("the script or a file it reads changed while it was built: reading it again");
            } catch (JrunException e) {
                if (!file || reads >= MAX_READS || !(e.status() == ExitCode.SCRIPT || e.status() == ExitCode.COMPILE
                        || e.status() == ExitCode.DEPENDENCY) || !changedSince(scriptPath, script)) {
                    throw e;
                }
                say("the script changed while it was built: reading it again");
            }
        }
    }

    /** An attempt whose inputs changed before it was published: not published, read again. */
    private static final class ChangedWhileBuilt extends RuntimeException {
        ChangedWhileBuilt() {
            super(null, null, false, false);
        }
    }

    /** Whether the file now holds other bytes than {@code read}'s (or cannot be read: then the failure stands). */
    private static boolean changedSince(Path path, Script read) {
        dev.jrun.script.Settle.awaitQuiet(List.of(path));
        try {
            return !dev.jrun.Hashing.of(Files.readAllBytes(path)).equals(read.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a file the build read no longer holds the bytes it was built from: the script, a
     * //SOURCES or //FILES file, a file of the source root that javac read (gone counts as changed).
     */
    static boolean inputsChanged(Plan plan, CompileResult compiled) {
        List<Path> files = new ArrayList<>();
        List<String> sums = inputs(plan, compiled, files);
        // a save under way when they were read shows once they have been quiet a moment
        dev.jrun.script.Settle.awaitQuiet(files);
        return anyChanged(files, sums);
    }

    /** The files the build read, into {@code files}, and their SHA-256 as read, in the same order. */
    private static List<String> inputs(Plan plan, CompileResult compiled, List<Path> files) {
        List<String> sums = new ArrayList<>();
        files.add(plan.inputs().script().realPath());
        sums.add(plan.inputs().script().sha256());
        plan.inputs().sources().forEach(s -> {
            files.add(s.script().realPath());
            sums.add(s.script().sha256());
        });
        plan.inputs().resources().forEach(r -> {
            files.add(r.file());
            sums.add(r.sha256());
        });
        if (compiled != null) {
            compiled.read().forEach(f -> {
                files.add(f.file());
                sums.add(f.sha256());
            });
        }
        return sums;
    }

    /** Whether one of {@code files} no longer has the SHA-256 of the same place in {@code sums} (or is gone). */
    static boolean anyChanged(List<Path> files, List<String> sums) {
        for (int i = 0; i < files.size(); i++) {
            try {
                if (!dev.jrun.Hashing.of(Files.readAllBytes(files.get(i))).equals(sums.get(i))) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** @param recheck whether an attempt whose inputs changed meanwhile is dropped ({@link ChangedWhileBuilt}) */
    private Built build(Path entryDir, Script script, String name, boolean recheck) throws IOException {
        CacheRoot cache = CacheRoot.open(entryDir.getParent().getParent());
        // Directories watched for globs sh cannot expand must not have changed after this moment.
        FileTime planned = FileTime.fromMillis(System.currentTimeMillis() - 2000);
        String[] parts = entryDir.getFileName().toString().split("-");
        if (parts.length < 2) {
            throw changed(name);
        }
        Plan plan = planner.plan(script, options);
        String lockSha = plan.dependencies().lockSha256();
        // the entry of what was read (the front end hashed the script and its lock a moment before)
        String own = script.sha256() + "-" + parts[1] + (lockSha.isEmpty() ? "" : "-" + lockSha.substring(0, 16));
        if (!own.equals(entryDir.getFileName().toString())) {
            say("the script or its lock file changed since the front end hashed it: building entry " + own);
            entryDir = entryDir.resolveSibling(own);
        }
        String key = EntryKey.of(plan);
        Entry entry = new Entry(entryDir);
        try (Closeable lock = cache.lock(entryDir.getFileName().toString())) {
            if (!options.fresh() && entry.isCurrent(key) && compiledStillHolds(entry.current().orElseThrow(), script)) {
                say("cache entry " + entryDir + " is current");
                stamp(entry.current().orElseThrow(), plan, planned);
                return new Built(entryDir, plan);
            }
            if (!options.fresh() && Twins.share(cache, entryDir, key, plan)) {
                say("cache entry " + entryDir + " is a link to a twin built from the same inputs");
                return new Built(entryDir, plan);
            }
            if (Files.isDirectory(entryDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                CacheGc.sweepRetiredBuilds(entryDir); // builds that earlier edits replaced
            }
            try (EntryWriter writer = new EntryWriter(cache, entryDir)) {
                CompileResult compiled = assemble(plan, key, writer, cache);
                if (recheck && inputsChanged(plan, compiled)) {
                    throw new ChangedWhileBuilt(); // (the writer's close discards the attempt)
                }
                stamp(writer.tmp(), plan, planned);
                writer.publish();
                say("built " + writer.finalDir());
            }
        }
        return new Built(entryDir, plan);
    }

    /**
     * A build's key covers what the plan knew; the files of the source root that javac read (and
     * those whose absence it relied on) only the compile knew: they must still be as they were, and
     * the files read must be this copy's.
     */
    static boolean compiledStillHolds(Path build, Script script) {
        java.util.Properties meta = Entry.meta(build);
        CompileResult compiled = CompileResult.from(meta);
        return (compiled.read().isEmpty() || String.valueOf(script.realPath()).equals(meta.getProperty("script")))
                && compiled.stillHolds();
    }

    /** The entry's name is not one the front end makes. */
    private static JrunException changed(String what) {
        return new JrunException(ExitCode.CACHE, "the cache entry named for " + what + " is not one jrun names; run it again");
    }

    /** Sets the build's dirs.stamp (see {@link Check.DirsUnchanged}) to when the directories were listed. */
    private static void stamp(Path dir, Plan plan, FileTime planned) throws IOException {
        if (plan.checks().stream().anyMatch(c -> c instanceof Check.PolicyUnchanged)) {
            Files.deleteIfExists(dir.resolve(Entry.POLICY_STAMP));
            Files.setLastModifiedTime(Files.createFile(dir.resolve(Entry.POLICY_STAMP)), planned);
        }
        if (plan.checks().stream().anyMatch(c -> c instanceof Check.DirsUnchanged)) {
            Path stamp = dir.resolve(Entry.DIRS_STAMP);
            if (!Files.exists(stamp)) {
                Files.createFile(stamp);
            }
            Files.setLastModifiedTime(stamp, planned);
        }
    }

    /** Writes the build into the writer's directory; returns what javac read (null: nothing compiled). */
    private CompileResult assemble(Plan plan, String key, EntryWriter writer, CacheRoot cache) throws IOException {
        Script script = plan.inputs().script();
        Path tmp = writer.tmp();
        // said on the build, like javac's warnings: a cached run reads no directives
        DirectiveParser.lookalikes(script.lines(), script.name()).forEach(w -> err.println("jrun: warning: " + w));
        String main;
        CompileResult compiled = null;
        if (script.isPrebuilt()) {
            // a jar or Maven coordinates: nothing to compile; the jar and its dependencies are the
            // class path; the main class is its manifest's or --main's
            // (a jar runs where it is, as its manifest's Class-Path is relative to it: the build's own
            // app.jar holds nothing, and the jar follows it on the class path)
            main = plan.main().orElseThrow();
            JarWriter.write(tmp.resolve(Entry.JAR), Files.createDirectory(tmp.resolve("classes")), List.of(), main,
                    java.util.Map.of(), BootClasses.read());
            CacheRoot.deleteTree(tmp.resolve("classes"));
        } else if (script.isJshell()) {
            // nothing to compile: jrun's runner evaluates the snippets in the script's JVM, each run,
            // from the text hashed here (packed into the jar), over the class path resolved here
            if (!plan.inputs().sources().isEmpty()) {
                throw new JrunException(ExitCode.SCRIPT, script.name() + ": //SOURCES in a .jsh is not supported; /open"
                        + " is not either: put the code in the .jsh, or make the script a .java");
            }
            main = JshMain.class.getName();
            List<Plan.Resource> resources = new ArrayList<>(plan.inputs().resources());
            byte[] text = script.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            resources.add(new Plan.Resource(JshMain.SCRIPT, script.realPath(), text, script.sha256()));
            List<String> javac = new ArrayList<>(plan.compileOptions());
            if (plan.preview()) {
                javac.addAll(List.of("--enable-preview", "--release", Integer.toString(plan.jdk().major())));
            }
            Properties settings = new Properties();
            settings.setProperty(JshMain.COMPILER_OPTIONS, String.join("\n", javac));
            java.io.StringWriter w = new java.io.StringWriter();
            settings.store(w, null);
            byte[] s = w.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            resources.add(new Plan.Resource(JshMain.SETTINGS, script.realPath(), s, dev.jrun.Hashing.of(s)));
            JarWriter.write(tmp.resolve(Entry.JAR), Files.createDirectory(tmp.resolve("classes")), resources, main,
                    manifest(plan, main), BootClasses.read());
            CacheRoot.deleteTree(tmp.resolve("classes"));
            say("a JShell script: its snippets are evaluated on each run, by " + main);
        } else {
            Path classes = Files.createDirectory(tmp.resolve("classes"));
            List<Script> units = new ArrayList<>(List.of(script));
            plan.inputs().sources().forEach(s -> units.add(s.script()));
            CompileRequest req = new CompileRequest(units, plan.dependencies().classpath(), JavacOptions.of(plan),
                    classes, plan.main().orElse(null), origins(plan));
            if (workers != null && JavacOptions.needWorkingDirectory(req.options())) {
                // a compile server's javac would look for them in its own directory, not the run's
                say("left to the builder JVM: //COMPILE_OPTIONS name paths relative to the working directory");
                throw new JrunException(ExitCode.NOT_SERVED, null);
            }
            long start = System.nanoTime();
            compiled = plan.jdk().isCurrent() ? new Compiler(err).compile(req)
                    : workers != null ? workers.compile(plan.jdk(), req, err, options.verbose())
                    : new CompilerJvm(cache.path(), tmp, options.verbose()).compile(plan.jdk(), req);
            main = compiled.main();
            compiled.read().forEach(f -> say("read " + f.file() + " (a class of the program from its source root)"));
            say("compiled " + script.name() + " with JDK " + plan.jdk().version() + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms"
                    + (compiled.kept() ? ", in a javac context kept from an earlier build" : ""));
            JarWriter.write(tmp.resolve(Entry.JAR), classes, plan.inputs().resources(), main, manifest(plan, main),
                    BootClasses.read());
            CacheRoot.deleteTree(classes);
        }

        List<Resolution.Jar> resolved = plan.dependencies().jars().stream().filter(j -> j.coords() != null).toList();
        List<Path> copies = writer.linkJars(resolved.stream().map(Resolution.Jar::file).toList(),
                resolved.stream().map(Resolution.Jar::lockSha256).toList(), resolved.stream().map(Resolution.Jar::coords).toList());
        List<Path> classpath = new ArrayList<>(List.of(writer.finalPath(Entry.JAR)));
        if (script.isJar()) {
            classpath.add(script.realPath());
        }
        int next = 0;
        for (Resolution.Jar j : plan.dependencies().jars()) {
            classpath.add(j.coords() != null ? copies.get(next++) : j.file()); // (a --cp entry is used where it is)
        }

        List<Check> checks = new ArrayList<>(plan.checks());
        List<Path> inputs = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        plan.inputs().sources().forEach(s -> {
            inputs.add(s.path());
            sums.add(s.script().sha256());
        });
        plan.inputs().resources().forEach(r -> {
            inputs.add(r.file());
            sums.add(r.sha256());
        });
        if (compiled != null) {
            // a several-file program's other files, as javac read them
            compiled.read().forEach(f -> {
                if (!inputs.contains(f.file())) {
                    inputs.add(f.file());
                    sums.add(f.sha256());
                }
            });
            if (!compiled.absent().isEmpty()) {
                checks.add(new Check.FilesAbsent(compiled.absent()));
            }
        }
        List<String> agentArgs = new AgentJars(planner, options, err).args(plan, cache, writer, inputs, sums);
        // (a script whose compile only relied on files being absent beside it is not tied to its
        // copy: copies of it share the entry, as copies of a single-file script do)
        if (!inputs.isEmpty()) {
            writer.writeInputs(inputs, sums);
            checks.add(0, new Check.ScriptIs(script.realPath()));
            checks.add(1, new Check.Unchanged(writer.finalPath(Entry.INPUTS)));
        }

        List<String> jvm = javaArgs(classpath, plan);
        jvm.addAll(agentArgs);
        RunEnv.Archive aot = AotFiles.write(tmp, writer.finalDir(), plan.jdk(), jvm); // the archive's name and freshness
        // the JVM starts jrun's ScriptMain, which starts the script's main (its first argument)
        writer.writeLaunch(jvm, new RunEnv(plan.jdk().java(), ScriptMain.class.getName(), main,
                plan.noAot(), aot, checks));

        Properties meta = new Properties();
        meta.setProperty("key", key);
        meta.setProperty("script", script.realPath().toString());
        meta.setProperty("name", script.name());
        meta.setProperty("main", main);
        meta.setProperty("jdk.home", plan.jdk().home().toString());
        meta.setProperty("jdk.version", plan.jdk().version());
        meta.setProperty("jrun.version", Version.get());
        meta.setProperty("built", Long.toString(System.currentTimeMillis()));
        plan.inputs().directives().description().ifPresent(d -> meta.setProperty("description", d));
        meta.setProperty("variant", variant(script));
        if (compiled != null) {
            compiled.put(meta);
        }
        writer.writeMeta(meta);
        return compiled;
    }

    /**
     * The rest of what names the entry (see EntryPath), in words, for {@code jrun cache list} to tell
     * two entries of one script apart: --java, JAVA_HOME, JRUN_REPO, a lock file.
     */
    private String variant(Script script) {
        List<String> parts = new ArrayList<>();
        if (options.java() != null) {
            parts.add("--java " + options.java());
        }
        for (String name : new String[] {"JAVA_HOME", "JRUN_REPO"}) {
            String value = options.env().vars().get(name);
            if (value != null && !value.isEmpty()) {
                parts.add(name + "=" + value);
            }
        }
        if (script.realPath() != null && Files.isRegularFile(Path.of(script.path() + ".lock"))) {
            parts.add("a lock file");
        }
        return String.join(", ", parts);
    }

    /**
     * For each class path entry, the //DEPS line that asks for it (its group and artifact named
     * there, else the first //DEPS line: it came with another's dependencies), or "".
     */
    private static List<String> origins(Plan plan) {
        List<dev.jrun.script.Directive> deps = plan.inputs().directives().deps();
        List<String> out = new ArrayList<>();
        for (Resolution.Jar j : plan.dependencies().jars()) {
            String where = "";
            if (j.coords() != null && !deps.isEmpty()) {
                String[] p = j.coords().split(":");
                String ga = p.length > 1 ? p[0] + ":" + p[1] + ":" : j.coords();
                where = deps.stream().filter(d -> d.line() > 0 && d.value().contains(ga)).findFirst()
                        .or(() -> deps.stream().filter(d -> d.line() > 0).findFirst())
                        .map(dev.jrun.script.Directive::where).orElse("");
            }
            out.add(where);
        }
        return out;
    }

    /** //MANIFEST, and for an agent script (//JAVAAGENT) its agent class, which is the one a run would take as main. */
    private static java.util.Map<String, String> manifest(Plan plan, String main) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (plan.agent()) {
            m.put("Premain-Class", main);
            m.put("Agent-Class", main);
        }
        m.putAll(plan.manifest());
        return m;
    }

    /** What a build's java.args holds: the class path and the JVM options (nothing of jrun's own, which a child JVM would see). */
    public static List<String> javaArgs(List<Path> classpath, Plan plan) {
        StringBuilder cp = new StringBuilder();
        classpath.forEach(jar -> cp.append(cp.length() == 0 ? "" : ":").append(jar));
        List<String> jvm = new ArrayList<>(List.of("-cp", cp.toString()));
        if (plan.preview()) {
            jvm.add("--enable-preview");
        }
        if (plan.inputs() != null && plan.inputs().script().isJshell()) {
            // jshell's compiler, cold in each run, is most of a .jsh's time: C1 alone makes that a
            // third shorter (measured: bench jsh-17); //JAVA_OPTIONS and -R come after it and win
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        jvm.addAll(plan.runtimeOptions());
        return jvm;
    }

    private void say(String what) {
        if (options.verbose()) {
            err.println("jrun: " + what);
        }
    }
}
