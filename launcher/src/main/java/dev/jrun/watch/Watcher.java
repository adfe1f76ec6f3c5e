package dev.jrun.watch;

import dev.jrun.plan.InputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code jrun --watch}: runs a command (the jrun front end on the script) and, each time one of
 * the script's input files is saved, stops the run (its whole process tree) and starts it again;
 * a run that ends by itself, or fails to compile, waits for the next save. Saves are found by
 * polling the paths (editors save by renaming a new file over the old one). It ends only by a
 * signal (Ctrl-C: status 130), and then stops the run too, leaving no process behind and the
 * terminal as it was.
 */
public final class Watcher {
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration SETTLE = Duration.ofMillis(100);

    private final List<String> command;
    private final Path script;
    private final Supplier<InputFiles> inputs;
    private final Duration grace;
    private final PrintStream err;
    private final Terminal terminal = Terminal.save();
    private final Object lock = new Object();
    private Process current;
    private boolean stopping;

    /**
     * @param command the command of one run
     * @param script  the script, watched even when its directives cannot be read
     * @param inputs  the files to watch, evaluated again after each run (the directives may change);
     *                it throws when the directives cannot be read
     * @param grace   how long a run has to end after SIGTERM before it gets SIGKILL
     */
    public Watcher(List<String> command, Path script, Supplier<InputFiles> inputs, Duration grace, PrintStream err) {
        this.command = List.copyOf(command);
        this.script = script;
        this.inputs = inputs;
        this.grace = grace;
        this.err = err;
    }

    /** Runs until a signal ends the JVM. */
    public void run() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "jrun-watch-stop"));
        InputFiles files = reread(InputFiles.of(script));
        Snapshot seen = Snapshot.of(files);
        while (true) {
            Process run = start();
            if (run == null) {
                return; // the JVM is ending
            }
            Optional<String> changed = Optional.empty();
            while (changed.isEmpty() && !run.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                changed = Snapshot.of(files).changedSince(seen);
            }
            if (changed.isPresent()) {
                settle(files);
                ProcessTree.stop(run.toHandle(), grace);
            } else {
                if (run.exitValue() == 130) {
                    Thread.sleep(300); // (a Ctrl-C for the whole terminal: the signal may reach us a moment later)
                }
                changed = Snapshot.of(files).changedSince(seen); // (a save during the run's last moment)
            }
            terminal.restore();
            synchronized (lock) {
                current = null;
                if (stopping) {
                    return;
                }
            }
            files = reread(files);
            seen = Snapshot.of(files);
            if (changed.isEmpty()) {
                err.println("jrun: watching " + files.files().size() + (files.files().size() == 1 ? " file" : " files")
                        + "; save one to run again, Ctrl-C to stop");
                changed = waitForChange(files, seen);
                files = reread(files);
                seen = Snapshot.of(files);
            }
            err.println("jrun: " + changed.get() + " changed; running it again");
        }
    }

    /**
     * The watched files anew; when the directives cannot be read (the error shows on the next
     * run), the script and the files watched before.
     */
    private InputFiles reread(InputFiles earlier) {
        try {
            return inputs.get();
        } catch (RuntimeException e) {
            List<Path> files = new ArrayList<>(List.of(script));
            earlier.files().stream().filter(f -> !f.equals(script)).forEach(files::add);
            return new InputFiles(files, earlier.globs());
        }
    }

    private Optional<String> waitForChange(InputFiles files, Snapshot seen) throws InterruptedException {
        while (true) {
            Thread.sleep(POLL.toMillis());
            Optional<String> changed = Snapshot.of(files).changedSince(seen);
            if (changed.isPresent()) {
                settle(files);
                return changed;
            }
        }
    }

    /** Waits until the files stop changing (an editor's save is a burst of writes), at most a few seconds. */
    private static void settle(InputFiles files) throws InterruptedException {
        Snapshot last = Snapshot.of(files);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(SETTLE.toMillis());
            Snapshot now = Snapshot.of(files);
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
    }

    private Process start() throws IOException {
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            current = new ProcessBuilder(command).inheritIO().start();
            return current;
        }
    }

    /** The shutdown hook: the run stopped, the terminal restored. */
    private void stop() {
        Process run;
        synchronized (lock) {
            stopping = true;
            run = current;
        }
        if (run != null) {
            ProcessTree.stop(run.toHandle(), grace);
        }
        terminal.restore();
    }
}
