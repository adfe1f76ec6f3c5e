package dev.jrun.launch;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.Version;
import dev.jrun.aot.AotFiles;
import dev.jrun.boot.ScriptMain;
import dev.jrun.compile.CompileChild;
import dev.jrun.compile.CompileRequest;
import dev.jrun.compile.Compiler;
import dev.jrun.compile.JarWriter;
import dev.jrun.entry.CacheRoot;
import dev.jrun.entry.Entry;
import dev.jrun.entry.LaunchFiles;
import dev.jrun.entry.Sh;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Check;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.DirectiveParser;
import dev.jrun.script.Script;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Builds a script's cache entry: reads the script, plans, compiles, packs the jar, writes the
 * launch files, and puts the entry in place with one rename. Builds of one entry take turns on its
 * lock; a build that finds the entry already current (another run built it meanwhile) does nothing.
 */
public final class Builder {
    private final Planner planner;
    private final BuildOptions options;
    private final PrintStream err;

    public Builder(Planner planner, BuildOptions options, PrintStream err) {
        this.planner = planner;
        this.options = options;
        this.err = err;
    }

    /**
     * Makes {@code entry} current for the script at {@code scriptPath}.
     *
     * @param entry the entry directory the front end named: ROOT/entries/SCRIPTHASH-VARIANT
     * @param name  the script's name in messages
     */
    public void build(Path entry, Path scriptPath, String name) throws IOException {
        CacheRoot cache = CacheRoot.open(entry.getParent().getParent());
        // Directories watched for globs sh cannot expand must not have changed after this moment.
        FileTime planned = FileTime.fromMillis(System.currentTimeMillis() - 2000);
        Script script = Script.read(scriptPath, name);
        if (!entry.getFileName().toString().startsWith(script.sha256() + "-")) {
            throw new JrunException(ExitCode.CACHE, name + " changed while jrun was reading it; run it again");
        }
        Plan plan = planner.plan(script, options);
        String key = key(plan);
        try (Closeable lock = cache.lock(entry.getFileName().toString())) {
            if (!options.fresh() && Entry.isCurrent(entry, key)) {
                say("cache entry " + entry + " is current");
                stamp(entry, plan, planned);
                return;
            }
            Path tmp = cache.newTempDir();
            try {
                assemble(plan, key, tmp, entry, cache);
                stamp(tmp, plan, planned);
                cache.publish(tmp, entry);
                say("built " + entry);
            } finally {
                CacheRoot.deleteTree(tmp);
            }
        }
    }

    /** Sets the entry's dirs.stamp (see {@link Check.DirsUnchanged}) to when the directories were listed. */
    private static void stamp(Path dir, Plan plan, FileTime planned) throws IOException {
        if (plan.checks().stream().anyMatch(c -> c instanceof Check.DirsUnchanged)) {
            Path stamp = dir.resolve(Entry.DIRS_STAMP);
            if (!Files.exists(stamp)) {
                Files.createFile(stamp);
            }
            Files.setLastModifiedTime(stamp, planned);
        }
    }

    private void assemble(Plan plan, String key, Path tmp, Path entry, CacheRoot cache) throws IOException {
        Script script = plan.inputs().script();
        // said on the build, like javac's warnings: a cached run reads no directives
        DirectiveParser.lookalikes(script.lines(), script.name()).forEach(w -> err.println("jrun: warning: " + w));
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        List<Path> units = new ArrayList<>();
        List<String> names = new ArrayList<>();
        units.add(script.path());
        names.add(script.name());
        plan.inputs().sources().forEach(s -> {
            units.add(s.path());
            names.add(s.name());
        });
        CompileRequest req = new CompileRequest(units, names, plan.dependencies().classpath(), javacOptions(plan),
                classes, plan.main().orElse(null));
        long start = System.nanoTime();
        String main = compile(plan, req, tmp, cache);
        say("compiled " + script.name() + " with JDK " + plan.jdk().version() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");

        JarWriter.write(tmp.resolve(Entry.JAR), classes, plan.inputs().resources(), main, plan.manifest(),
                BootClasses.read());
        CacheRoot.deleteTree(classes);

        List<Check> checks = new ArrayList<>(plan.checks());
        List<Path> inputs = new ArrayList<>();
        plan.inputs().sources().forEach(s -> inputs.add(s.path()));
        plan.inputs().resources().forEach(r -> inputs.add(r.file()));
        if (!inputs.isEmpty()) {
            writeSums(tmp.resolve(Entry.INPUTS), inputs);
            checks.add(0, new Check.ScriptIs(script.realPath()));
            checks.add(1, new Check.Unchanged(entry.resolve(Entry.INPUTS)));
        }

        List<String> jvm = javaArgs(plan, entry, main);
        List<String> env = new ArrayList<>();
        env.add("jrun_java_major=" + plan.jdk().major());
        env.add("jrun_noaot=" + Sh.quote(plan.noAot() ? "1" : ""));
        env.addAll(AotFiles.write(tmp, entry, plan.jdk(), jvm)); // the archive's name and freshness
        // the JVM starts jrun's ScriptMain, which starts the script's main (named in java.args)
        LaunchFiles.write(tmp, plan.jdk().java(), ScriptMain.class.getName(), jvm, checks, env);

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
        Entry.writeMeta(tmp, meta);
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
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                parts.add(name + "=" + value);
            }
        }
        if (script.realPath() != null && Files.isRegularFile(Path.of(script.path() + ".lock"))) {
            parts.add("a lock file");
        }
        return String.join(", ", parts);
    }

    /** What the entry's java.args holds: the class path, the script's main class for ScriptMain, the JVM options. */
    public static List<String> javaArgs(Plan plan, Path entry, String main) {
        StringBuilder cp = new StringBuilder(entry.resolve(Entry.JAR).toString());
        plan.dependencies().classpath().forEach(jar -> cp.append(':').append(jar));
        List<String> jvm = new ArrayList<>(List.of("-cp", cp.toString(), "-D" + ScriptMain.MAIN + "=" + main));
        if (plan.preview()) {
            jvm.add("--enable-preview");
        }
        jvm.addAll(plan.runtimeOptions());
        return jvm;
    }

    private List<String> javacOptions(Plan plan) {
        List<String> opts = new ArrayList<>(List.of("-encoding", "UTF-8", "-g", "-parameters"));
        boolean userProc = plan.compileOptions().stream()
                .anyMatch(o -> o.startsWith("-proc:") || o.equals("-processor") || o.equals("-processorpath")
                        || o.equals("--processor-path"));
        if (!userProc) {
            if (plan.dependencies().classpath().isEmpty()) {
                opts.add("-proc:none");
            } else if (plan.jdk().major() >= 21) {
                // JDK 23 and later run no processor found on the class path unless told to
                opts.add("-proc:full");
            }
        }
        if (plan.preview()) {
            opts.addAll(List.of("--enable-preview", "--release", Integer.toString(plan.jdk().major())));
        }
        opts.addAll(plan.compileOptions());
        return opts;
    }

    /** Compiles in this JVM when it is the script's JDK, else in a compiler JVM of that JDK. */
    private String compile(Plan plan, CompileRequest req, Path tmp, CacheRoot cache) throws IOException {
        if (plan.jdk().isCurrent()) {
            return new Compiler(err).compile(req);
        }
        say("compiling with JDK " + plan.jdk().version() + " in a compiler JVM of its own");
        Path reqFile = tmp.resolve("compile.request");
        Path result = tmp.resolve("compile.result");
        req.write(reqFile);
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(plan.jdk().java().toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=off"));
        // The compiler JVM's own classes (javac's) come from an archive that its first run makes:
        // one per JDK build and jrun version, in the cache root. It is dumped under a name of its
        // own and renamed into place, so that compiler JVMs running at once never share a half-made file.
        String id = Hashing.of(plan.jdk().release() + Version.get() + classpath).substring(0, 16);
        Path archive = cache.path().resolve("compiler-" + plan.jdk().major() + "-" + id + ".jsa");
        Path dumping = null;
        if (Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        } else {
            dumping = cache.path().resolve("tmp").resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
            cmd.add("-XX:ArchiveClassesAtExit=" + dumping);
        }
        cmd.addAll(List.of("-cp", classpath, CompileChild.class.getName(),
                reqFile.toString(), result.toString(), options.verbose() ? "verbose" : ""));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.INTERNAL, "interrupted while compiling");
        }
        if (dumping != null) {
            if (status == 0 && Files.isRegularFile(dumping)) {
                Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(dumping);
            }
        }
        if (status != 0) {
            throw new JrunException(status, null);
        }
        String main = Files.readString(result, StandardCharsets.UTF_8).strip();
        Files.delete(reqFile);
        Files.delete(result);
        return main;
    }

    /** Everything that decides what the entry holds. */
    public static String key(Plan plan) throws IOException {
        MessageDigest md = Hashing.sha256();
        StringBuilder k = new StringBuilder();
        k.append("jrun ").append(Version.get()).append('\n');
        k.append("jdk ").append(plan.jdk().home()).append(' ').append(Hashing.of(plan.jdk().release())).append('\n');
        k.append("script ").append(Hashing.of(plan.inputs().script().text())).append('\n');
        for (Plan.Source s : plan.inputs().sources()) {
            k.append("source ").append(s.path()).append(' ').append(Hashing.of(s.path())).append('\n');
        }
        for (Plan.Resource r : plan.inputs().resources()) {
            k.append("file ").append(r.target()).append(' ').append(r.file()).append(' ')
                    .append(Hashing.of(r.file())).append('\n');
        }
        k.append("deps ").append(plan.dependencies().key()).append('\n');
        plan.dependencies().classpath().forEach(j -> k.append("cp ").append(j).append('\n'));
        plan.compileOptions().forEach(o -> k.append("javac ").append(o).append('\n'));
        plan.runtimeOptions().forEach(o -> k.append("java ").append(o).append('\n'));
        k.append("main ").append(plan.main().orElse("")).append('\n');
        k.append("preview ").append(plan.preview()).append(" noaot ").append(plan.noAot()).append('\n');
        plan.manifest().forEach((n, v) -> k.append("manifest ").append(n).append('=').append(v).append('\n'));
        md.update(k.toString().getBytes(StandardCharsets.UTF_8));
        return Hashing.hex(md);
    }

    /** sha256sum's check format, with its escaping of names that hold a backslash or a newline. */
    private static void writeSums(Path file, List<Path> inputs) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path p : inputs) {
            String name = p.toString();
            boolean escape = name.contains("\\") || name.contains("\n");
            if (escape) {
                name = name.replace("\\", "\\\\").replace("\n", "\\n");
                out.append('\\');
            }
            out.append(Hashing.of(p)).append("  ").append(name).append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private void say(String what) {
        if (options.verbose()) {
            err.println("jrun: " + what);
        }
    }
}
