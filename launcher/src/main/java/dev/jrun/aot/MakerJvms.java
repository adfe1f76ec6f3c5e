package dev.jrun.aot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The maker's JVMs (the probe, the dump, the check), one at a time: each in the entry's directory,
 * its output into {@value AotMain#LOG}, stopped when the maker's time is up or the entry goes, and
 * dying with the maker, even of kill -9 ({@code setpriv --pdeathsig}).
 */
final class MakerJvms {
    private final Path entry;
    private final long maxMillis;
    private long deadline = Long.MAX_VALUE;
    private Process child;

    MakerJvms(Path entry, long maxMillis) {
        this.entry = entry;
        this.maxMillis = maxMillis;
    }

    /** From now on, at most the maker's bound of wall time. */
    void startClock() {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    }

    /** The entry is still there (its {@value AotFiles#PROPS}, which the builder wrote). */
    void checkEntry() throws EntryGone {
        if (!Files.isRegularFile(entry.resolve(AotFiles.PROPS))) {
            throw new EntryGone();
        }
    }

    /** Runs {@code cmd}, saying {@code what} it does in a failure; the log starts again unless {@code append}. */
    void run(List<String> cmd, boolean append, String what) throws IOException, MakerFailure, InterruptedException,
            EntryGone {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            full.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        full.addAll(cmd);
        Path log = entry.resolve(AotMain.LOG);
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
                checkEntry();
                if (System.nanoTime() > deadline) {
                    throw new MakerFailure(what + " took more than " + (maxMillis % 1000 == 0
                            ? Long.toString(maxMillis / 1000) : Double.toString(maxMillis / 1000.0))
                            + " s (JRUN_AOT_MAX_SECONDS)");
                }
            }
        } finally {
            if (proc.isAlive()) {
                proc.destroyForcibly();
                proc.waitFor(10, TimeUnit.SECONDS);
            }
            synchronized (this) {
                child = null;
            }
        }
        if (proc.exitValue() != 0) {
            throw new MakerFailure(what + " failed (status " + proc.exitValue() + "); see " + log);
        }
    }

    /** Appends a line of the maker's own to the log (which is for --verbose only). */
    void log(String line) {
        try {
            Files.writeString(entry.resolve(AotMain.LOG), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // nobody to tell
        }
    }

    /** Stops the JVM at work, if any (the maker's exit: SIGTERM, SIGINT, or the end). */
    synchronized void stop() {
        Process p = child;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
