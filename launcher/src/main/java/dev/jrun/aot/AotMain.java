package dev.jrun.aot;

import dev.jrun.cache.CacheRoot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
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
 * archive in stages, each a class of its own: recording the classes to archive ({@link ClassRecorder}),
 * creating the archive ({@link ArchiveDump}), validating it ({@link ArchiveCheck}) and publishing it
 * read-only ({@link ArchivePublisher}); what differs between JDKs is in {@link ArchiveFormat}. The
 * front end maps it only while it is that very file: the same inode as its {@value #MADE} link, not
 * written to since the {@value #OK} stamp (which records its SHA-256), and not made writable (see the
 * README).
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
    private final MakerJvms jvms;
    private final Scratch scratch;
    private volatile boolean owner;

    private AotMain(Path entry, long maxMillis) {
        this.entry = entry;
        this.jvms = new MakerJvms(entry, maxMillis);
        this.scratch = new Scratch(entry, ProcessHandle.current().pid());
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
                Files.writeString(Files.createDirectories(entry.resolve(GATE)).resolve(PID),
                        ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                // the gate is a courtesy to later runs
            }
            Scratch.removeLeftovers(entry);
            if (decided != null && madeSince(decided)) {
                return 0;
            }
            waitFor(runPid);
            ClassList.Scan scan = make();
            JvmPolicy.write(entry, JvmPolicy.of(ticks, scan.introspects()));
            return 0;
        } catch (EntryGone g) {
            return 0;
        } catch (MakerFailure f) {
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

    /** An archive published since the run that started this maker found none: it raced with its maker. */
    private boolean madeSince(FileTime decided) {
        try {
            Path ok = Path.of(ArchiveInputs.read(entry).archive() + OK);
            return Files.isRegularFile(ok) && Files.getLastModifiedTime(ok).compareTo(decided) > 0;
        } catch (IOException | EntryGone e) {
            return false;
        }
    }

    /** Waits for the run to end, or for {@link #WAIT_SECONDS}. */
    private void waitFor(long runPid) throws InterruptedException, EntryGone {
        Optional<ProcessHandle> run = ProcessHandle.of(runPid);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (run.isPresent() && run.get().isAlive() && !zombie(runPid) && System.nanoTime() < end) {
            jvms.checkEntry();
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

    /** The stages, within the maker's time: returns what the jars hold, for the JVM policy. */
    private ClassList.Scan make() throws IOException, MakerFailure, InterruptedException, EntryGone {
        jvms.startClock();
        ArchiveInputs in = ArchiveInputs.read(entry);
        in.verify();
        String name = in.archive().getFileName().toString().replaceFirst("\\.jsa$", "");
        ClassRecorder recorded = ClassRecorder.record(in, jvms, scratch, name);
        Path made = ArchiveDump.dump(in, recorded.classes(), jvms, scratch, name);
        String stamp = ArchiveCheck.check(in, made, jvms);
        ArchivePublisher.publish(entry, made, in.archive(), stamp, scratch::file);
        Files.deleteIfExists(entry.resolve(FAILED));
        return recorded.scan();
    }

    private void fail(String why) {
        FailureBackoff.record(entry.resolve(FAILED), why);
    }

    /** At exit (normal, SIGTERM, SIGINT): the dump stops, half-made files go, the gate opens. */
    private void stop() {
        jvms.stop();
        scratch.removeAll();
        if (owner) {
            CacheRoot.deleteTree(entry.resolve(GATE));
        }
    }
}
