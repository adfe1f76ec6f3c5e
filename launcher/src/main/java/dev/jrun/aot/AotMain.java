package dev.jrun.aot;

import dev.jrun.Hashing;
import dev.jrun.cache.CacheRoot;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Makes a script's archive in the background, detached from the run that started it. The front end
 * starts it (arguments: ENTRY PID) from a run that found no usable archive, no maker at work and no
 * failure still backing off; PID is that run's JVM. It never instruments that run: the classes to
 * archive come from {@link ClassList}, so the script's JVM, and every JVM the script starts, carries
 * no flag of jrun's making.
 *
 * <p>One maker per entry: it holds a lock on {@value #BUSY} while it works (the kernel drops it when
 * the process dies, however it dies), and a maker that does not get it leaves at once. The front end's
 * {@value #GATE} directory, naming the maker in {@value #PID}, only spares later runs from starting more.
 *
 * <p>It waits for the run to end (or for {@link #WAIT_SECONDS}, for servers), then dumps a static
 * archive ({@code java -Xshare:dump}, on every JDK; JDK 24 and later map it as an AOT cache. Not with
 * {@code -XX:+AOTClassLinking}: its classes are all loaded at start, and a start from a linked archive
 * measured slower, hello world 0.97 against 0.93 of a plain C1 start on JDK 25, Jackson 0.65 against
 * 0.60), checks that it loads (with {@code -XX:+VerifySharedSpaces}, which checks
 * every byte against the checksums the dump wrote), and publishes it read-only. The front end maps it
 * only while it is that very file: the same inode as its {@value #MADE} link, not written to since the
 * {@value #OK} stamp (which records its SHA-256), and not made writable (see the README).
 *
 * <p>Bounded: after {@code JRUN_AOT_MAX_SECONDS} (default {@value #DEFAULT_MAX_SECONDS}) of wall time it
 * stops its dump and gives up; the front end also limits each process to that much CPU time
 * ({@code ulimit -t}). Its children die with it ({@code setpriv --pdeathsig}), SIGTERM stops it and them,
 * and it stops when its entry is removed. Leftovers of a maker killed mid-way are removed by the next
 * one (and by the cache's collection). A failure is written to {@value #FAILED} with a time in the
 * future: the front end tries again after it, and each failure in a row doubles the wait.
 */
public final class AotMain {
    static final String GATE = "aot.lock";
    static final String PID = "maker.pid";
    static final String BUSY = "aot.busy";
    static final String FAILED = "aot.failed";
    static final String LOG = "aot.log";
    static final String OK = ".ok";
    static final String MADE = ".made";
    static final long WAIT_SECONDS = 60;
    static final long DEFAULT_MAX_SECONDS = 300;

    private final Path entry;
    private final long pid = ProcessHandle.current().pid();
    private long deadline = Long.MAX_VALUE;
    /** The bound, in milliseconds (JRUN_AOT_MAX_SECONDS may have a fraction, for tests). */
    private final long maxMillis;
    private volatile Process child;
    private volatile boolean owner;
    private final List<Path> temporary = new ArrayList<>();
    /** What the jars hold, once {@link #classes} has looked. */
    private ClassList.Scan scan;

    private AotMain(Path entry, long maxMillis) {
        this.entry = entry;
        this.maxMillis = maxMillis;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("jrun: error: the archive maker is started by the jrun command, not by hand");
            System.exit(2);
        }
        AotMain maker = new AotMain(Path.of(args[0]), maxMillis(System.getenv("JRUN_AOT_MAX_SECONDS")));
        // SIGTERM (and any other exit): the dump child goes, and so do the half-made files
        Runtime.getRuntime().addShutdownHook(new Thread(maker::stop));
        int ticks = args.length > 2 && args[2].matches("[0-9]{1,6}") ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        System.exit(maker.run(Long.parseLong(args[1]), ticks));
    }

    /** The bound on a maker's wall time and on each of its processes' CPU time, in seconds. */
    static long maxMillis(String env) {
        try {
            double s = Double.parseDouble(env == null ? "" : env.trim());
            return s >= 0.001 && s <= 3600 ? Math.round(s * 1000) : DEFAULT_MAX_SECONDS * 1000;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_SECONDS * 1000;
        }
    }

    private int run(long runPid, int ticks) {
        Path busy = entry.resolve(BUSY);
        try (FileChannel ch = FileChannel.open(busy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return 0; // another maker is at work
            }
            owner = true;
            // the run that started this one took the gate just after it found no usable archive
            FileTime decided = null;
            try {
                decided = Files.getLastModifiedTime(entry.resolve(GATE));
            } catch (IOException e) {
                // no gate: no way to tell, make it
            }
            try {
                Files.writeString(Files.createDirectories(entry.resolve(GATE)).resolve(PID), pid + "\n");
            } catch (IOException e) {
                // the gate is a courtesy to later runs
            }
            removeLeftovers();
            if (decided != null && madeSince(decided)) {
                return 0;
            }
            waitFor(runPid);
            make();
            JvmPolicy.write(entry, JvmPolicy.of(ticks, scan != null && scan.introspects()));
            return 0;
        } catch (Gone g) {
            return 0;
        } catch (Failure f) {
            fail(f.getMessage());
            return 1;
        } catch (IOException e) {
            if (!Files.isDirectory(entry)) {
                return 0;
            }
            fail("cannot write the archive: " + e.getMessage());
            return 1;
        } catch (Throwable t) {
            fail("internal error: " + t);
            return 1;
        }
    }

    /** A reason the archive is not made, for aot.failed. */
    static final class Failure extends Exception {
        Failure(String why) {
            super(why, null, false, false);
        }
    }

    /** The entry is gone (removed, or rebuilt without what the maker needs): nothing to make, nothing to tell. */
    static final class Gone extends Exception {
        Gone() {
            super(null, null, false, false);
        }
    }

    /** An archive published since the run that started this maker found none: it raced with its maker. */
    private boolean madeSince(FileTime decided) {
        try {
            Path ok = Path.of(props().getProperty("archive") + OK);
            return Files.isRegularFile(ok) && Files.getLastModifiedTime(ok).compareTo(decided) > 0;
        } catch (IOException | Gone e) {
            return false;
        }
    }

    /** Half-made files of makers that were killed: only makers write aot-*.tmp*, and this one holds the lock. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(entry, "aot-*.tmp*")) {
            for (Path f : s) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Waits for the run to end, or for {@link #WAIT_SECONDS}. */
    private void waitFor(long runPid) throws InterruptedException, Gone {
        Optional<ProcessHandle> run = ProcessHandle.of(runPid);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (run.isPresent() && run.get().isAlive() && !zombie(runPid) && System.nanoTime() < end) {
            checkEntry();
            Thread.sleep(100);
        }
    }

    /** A process that has ended but was not reaped (its parent gone, and an init that does not reap). */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void checkEntry() throws Gone {
        if (!Files.isRegularFile(entry.resolve(AotFiles.PROPS))) {
            throw new Gone();
        }
    }

    private Properties props() throws Gone {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(entry.resolve(AotFiles.PROPS), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new Gone();
        }
        return p;
    }

    private void make() throws IOException, Failure, InterruptedException, Gone {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        Properties p = props();
        verifyInputs(p);
        Path archive = Path.of(p.getProperty("archive"));
        String name = archive.getFileName().toString();
        int major = Integer.parseInt(p.getProperty("major"));
        String java = p.getProperty("java");
        String cp = p.getProperty("classpath");
        List<String> options = new ArrayList<>();
        for (String o : p.getProperty("options", "").split("\n")) {
            if (!o.isEmpty()) {
                options.add(o);
            }
        }
        List<Path> classpath = new ArrayList<>();
        for (String f : cp.split(":")) {
            classpath.add(Path.of(f));
        }
        Path home = Path.of(p.getProperty("home", Path.of(java).getParent().getParent().toString()));

        Path list = temp(name.replace(".jsa", ".classlist"));
        Files.write(list, classes(java, options, cp, home, classpath, name), StandardCharsets.UTF_8);
        Path tmp = temp(name);
        List<String> dump = new ArrayList<>(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + tmp, "-XX:+VerifySharedSpaces"));
        dump.addAll(options);
        dump.addAll(List.of("-cp", cp));
        run(dump, true, "dumping the archive");
        if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            throw new Failure("java -Xshare:dump made no archive; see " + entry.resolve(LOG));
        }
        Files.deleteIfExists(list);

        List<String> check = new ArrayList<>(List.of(java, "-XX:+VerifySharedSpaces"));
        if (major >= 24) {
            check.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + tmp));
        } else {
            check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + tmp));
        }
        check.addAll(options);
        check.addAll(List.of("-cp", cp, "-version"));
        run(check, true, "loading the new archive");

        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
        String sum = Hashing.of(tmp);
        long size = Files.size(tmp);
        verifyInputs(p); // nothing changed while it was made
        checkEntry();
        ArchivePublisher.publish(entry, tmp, archive, sum + " " + size + "\n", this::temp);
        Files.deleteIfExists(entry.resolve(FAILED));
    }

    /**
     * The archive's class list: what a probe JVM records while it loads the scanned classes (see
     * {@link ClassList}); if the probe fails, the JDK's default list and the scanned classes.
     */
    private List<String> classes(String java, List<String> options, String cp, Path home, List<Path> classpath,
            String name) throws IOException, Failure, InterruptedException, Gone {
        scan = ClassList.scan(classpath);
        List<String> defaults = ClassList.defaults(home);
        Path names = temp(name.replace(".jsa", ".names"));
        Path recorded = temp(name.replace(".jsa", ".recorded"));
        Files.write(names, ClassList.probeNames(scan, defaults), StandardCharsets.ISO_8859_1);
        List<String> probe = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:DumpLoadedClassList=" + recorded));
        probe.addAll(options);
        probe.addAll(List.of("-cp", cp + File.pathSeparator + ownJar(), "dev.jrun.boot.ScriptMain",
                ProbeMain.class.getName(), "", names.toString()));
        try {
            run(probe, false, "recording the classes a start loads");
            List<String> lines = ClassList.archiveList(Files.readAllLines(recorded, StandardCharsets.UTF_8), scan, defaults);
            if (!lines.isEmpty()) {
                return lines;
            }
        } catch (Failure | IOException e) {
            appendLog("(the probe failed: " + e.getMessage() + "; archiving the JDK's default list and the jars' classes)");
        } finally {
            Files.deleteIfExists(names);
            Files.deleteIfExists(recorded);
        }
        List<String> fallback = new ArrayList<>(defaults);
        fallback.addAll(scan.jdk());
        fallback.addAll(scan.classes());
        return fallback;
    }

    /** The jar (or, from a build tree, the directory) that holds jrun's classes, ProbeMain among them. */
    private static String ownJar() {
        try {
            return Path.of(ProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    private void appendLog(String line) {
        try {
            Files.writeString(entry.resolve(LOG), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for --verbose only
        }
    }

    /** A file of this maker's own, removed when it ends however it ends (but kill -9: then by the next maker). */
    private Path temp(String name) {
        Path p = entry.resolve(name + ".tmp" + pid);
        temporary.add(p);
        return p;
    }

    /** The class path's jars and the JDK's release file still hash to what the entry was built from. */
    private static void verifyInputs(Properties p) throws Failure {
        for (int i = 0; p.getProperty("file." + i) != null; i++) {
            Path f = Path.of(p.getProperty("file." + i));
            String sum;
            try {
                sum = Hashing.of(f);
            } catch (IOException e) {
                throw new Failure(f + " cannot be read: " + e.getMessage());
            }
            if (!sum.equals(p.getProperty("sha256." + i))) {
                throw new Failure(f + " changed since the script's entry was built; run with --fresh to rebuild it");
            }
        }
    }

    /** Runs a JVM of the script's JDK, its output to the log, within the deadline and while the entry exists. */
    private void run(List<String> cmd, boolean append, String what) throws IOException, Failure, InterruptedException, Gone {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // it dies with this process, even of kill -9 (the kernel's parent-death signal)
            full.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        full.addAll(cmd);
        Path log = entry.resolve(LOG);
        ProcessBuilder.Redirect out;
        try {
            String header = "$ " + String.join(" ", cmd) + "\n";
            if (append) {
                Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(log, header, StandardCharsets.UTF_8);
            }
            out = ProcessBuilder.Redirect.appendTo(log.toFile());
        } catch (IOException e) {
            out = ProcessBuilder.Redirect.DISCARD; // a full disk: the reason goes to aot.failed
        }
        Process proc;
        synchronized (this) {
            checkEntry();
            proc = new ProcessBuilder(full).directory(entry.toFile()).redirectErrorStream(true)
                    .redirectInput(new File("/dev/null")).redirectOutput(out).start();
            child = proc;
        }
        try {
            while (!proc.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (!Files.isRegularFile(entry.resolve(AotFiles.PROPS))) {
                    throw new Gone();
                }
                if (System.nanoTime() > deadline) {
                    throw new Failure(what + " took more than " + (maxMillis % 1000 == 0 ? Long.toString(maxMillis / 1000)
                            : Double.toString(maxMillis / 1000.0)) + " s (JRUN_AOT_MAX_SECONDS)");
                }
            }
        } finally {
            if (proc.isAlive()) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
            child = null;
        }
        if (proc.exitValue() != 0) {
            throw new Failure(what + " failed (status " + proc.exitValue() + "); see " + log);
        }
    }

    private void fail(String why) {
        FailureBackoff.record(entry.resolve(FAILED), why);
    }

    /** At exit (normal, SIGTERM, SIGINT): the dump stops, half-made files go, the gate opens. */
    private synchronized void stop() {
        Process p = child;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Path f : temporary) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left for the next maker
            }
        }
        if (owner) {
            CacheRoot.deleteTree(entry.resolve(GATE));
        }
    }
}
