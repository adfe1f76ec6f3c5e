package dev.jrun.aot;

import dev.jrun.Hashing;
import dev.jrun.entry.CacheRoot;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Makes a script's archive in the background, detached from the run that recorded its classes.
 * The front end starts it (arguments: ENTRY PID) on the one run that finds no archive: it has
 * created {@code ENTRY/aot.lock/} (atomically, so there is one maker per entry) and execs the
 * script's JVM, as process PID, with {@code -XX:DumpLoadedClassList=ENTRY/aot.lock/classes.lst}.
 *
 * <p>This waits for that run to end (or for {@link #WAIT_SECONDS}, for servers), then dumps a static
 * archive of the listed classes: {@code java -Xshare:dump} with the class list and the entry's jar
 * class path, which loads classes but runs none of the script's code. On JDK 24 and later it adds
 * {@code -XX:+AOTClassLinking}, which makes it an AOT cache (JEP 483). The archive is written to a
 * temporary name, checked to load with {@code -Xshare:on}, and renamed into place; it is made only
 * while the class path and the JDK still hash to what the entry was built from (see
 * {@link AotFiles}). Whatever fails, the script's runs go on without an archive: the reason is in
 * {@code ENTRY/aot.failed} (and the dump's output in {@code ENTRY/aot.log}) for {@code --verbose}.
 */
public final class AotMain {
    static final String LOCK = "aot.lock";
    static final String CLASSES = "classes.lst";
    static final String FAILED = "aot.failed";
    static final String LOG = "aot.log";
    static final long WAIT_SECONDS = 60;
    private static final long DUMP_MINUTES = 10;

    private final Path entry;
    private final Path lock;
    private Path tmp;

    private AotMain(Path entry) {
        this.entry = entry;
        this.lock = entry.resolve(LOCK);
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("jrun: error: the archive maker is started by the jrun command, not by hand");
            System.exit(2);
        }
        AotMain maker = new AotMain(Path.of(args[0]));
        int status = 0;
        try {
            maker.waitFor(Long.parseLong(args[1]));
            maker.make();
        } catch (Retry r) {
            status = 1; // no marker: the next run records again
        } catch (Failure f) {
            maker.fail(f.getMessage());
            status = 1;
        } catch (Throwable t) {
            maker.fail("internal error: " + t);
            status = 1;
        } finally {
            maker.unlock();
        }
        System.exit(status);
    }

    /** A reason the archive is not made, for aot.failed. */
    static final class Failure extends Exception {
        Failure(String why) {
            super(why, null, false, false);
        }
    }

    /** A reason to make nothing now, but to let a later run record again. */
    static final class Retry extends RuntimeException {
        Retry(String why) {
            super(why, null, false, false);
        }
    }

    /** Waits for the recording run to end, or for {@link #WAIT_SECONDS}. */
    private void waitFor(long pid) throws InterruptedException {
        Optional<ProcessHandle> run = ProcessHandle.of(pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (run.isPresent() && run.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void make() throws IOException, Failure, InterruptedException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(entry.resolve(AotFiles.PROPS), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new Retry("the entry has no " + AotFiles.PROPS + " (it was rebuilt meanwhile?)");
        }
        Path list = completeLines(lock.resolve(CLASSES), lock.resolve("classes.use"));
        verifyInputs(p);

        Path archive = Path.of(p.getProperty("archive"));
        tmp = entry.resolve(archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        int major = Integer.parseInt(p.getProperty("major"));
        String java = p.getProperty("java");
        String cp = p.getProperty("classpath");
        List<String> options = new ArrayList<>();
        for (String o : p.getProperty("options", "").split("\n")) {
            if (!o.isEmpty()) {
                options.add(o);
            }
        }

        List<String> dump = new ArrayList<>(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + tmp));
        if (major >= 24) {
            dump.add("-XX:+AOTClassLinking");
        }
        dump.addAll(options);
        dump.addAll(List.of("-cp", cp));
        run(dump, false, "dumping the archive");
        if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
            throw new Failure("java -Xshare:dump made no archive; see " + entry.resolve(LOG));
        }

        List<String> check = new ArrayList<>(List.of(java));
        if (major >= 24) {
            check.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + tmp));
        } else {
            check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + tmp));
        }
        check.addAll(options);
        check.addAll(List.of("-cp", cp, "-version"));
        run(check, true, "loading the new archive");

        verifyInputs(p); // nothing changed while it was made
        Path ok = archive.resolveSibling(archive.getFileName() + ".ok");
        try (DirectoryStream<Path> old = Files.newDirectoryStream(entry, "aot-*.{jsa,jsa.ok}")) {
            for (Path f : old) {
                if (!f.equals(archive) && !f.equals(ok)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The archive as made and checked: the front end uses it only while it is not newer than this
        // stamp, so an archive written to since (damaged, replaced) is never mapped.
        Files.write(ok, new byte[0]);
        Files.setLastModifiedTime(ok, FileTime.fromMillis(System.currentTimeMillis()));
        Files.deleteIfExists(entry.resolve(FAILED));
    }

    /** Copies the whole lines of the class list (the run may still be writing it) and returns the copy. */
    private static Path completeLines(Path from, Path to) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(from);
        } catch (IOException e) {
            throw new Retry("the run recorded no class list");
        }
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            throw new Retry("the run recorded no classes");
        }
        Files.write(to, Arrays.copyOf(all, end));
        return to;
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

    private void run(List<String> cmd, boolean append, String what) throws IOException, Failure, InterruptedException {
        Path log = entry.resolve(LOG);
        String header = "$ " + String.join(" ", cmd) + "\n";
        if (append) {
            Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.writeString(log, header, StandardCharsets.UTF_8);
        }
        Process proc = new ProcessBuilder(cmd).directory(entry.toFile()).redirectErrorStream(true)
                .redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!proc.waitFor(DUMP_MINUTES, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            throw new Failure(what + " took more than " + DUMP_MINUTES + " minutes");
        }
        if (proc.exitValue() != 0) {
            throw new Failure(what + " failed (status " + proc.exitValue() + "); see " + log);
        }
    }

    /** Leaves the reason for --verbose, and no half-made archive. */
    private void fail(String why) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
            Files.writeString(entry.resolve(FAILED), why.replace('\n', ' ') + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the entry is gone (rebuilt or removed): nothing to tell
        }
    }

    /** Removes the lock, and the class list in it, so that a later run may record again. */
    private void unlock() {
        CacheRoot.deleteTree(lock);
    }
}
