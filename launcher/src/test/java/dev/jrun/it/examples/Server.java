package dev.jrun.it.examples;

import dev.jrun.it.Jrun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example server run through the installed jrun: waits for its first stdout line,
 * {@code listening on HOST:PORT}, collects the rest of its output, and on close leaves nothing
 * running (the process and all its descendants are killed).
 */
final class Server implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    final Process process;
    final String host;
    final int port;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private Server(Process process) throws InterruptedException {
        this.process = process;
        outReader = drain(process.getInputStream(), out);
        errReader = drain(process.getErrorStream(), err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);   // the first run compiles
        Matcher m = null;
        while (m == null) {
            int nl = out.indexOf("\n");
            if (nl >= 0) {
                m = LISTENING.matcher(out.substring(0, nl));
                if (!m.matches()) {
                    close();
                    throw new AssertionError("first line is not \"listening on HOST:PORT\": " + out + err);
                }
            } else if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new AssertionError("the server did not say where it listens; stdout: " + out + "\nstderr: " + err);
            } else {
                Thread.sleep(20);
            }
        }
        host = m.group(1);
        port = Integer.parseInt(m.group(2));
    }

    /** {@code jrun examples/SCRIPT ARGS...}, with JRUN_CACHE_DIR {@code cache}. */
    static Server start(Path cache, String script, String... args) throws IOException, InterruptedException {
        return start(Jrun.cmd(withScript(script, args)).cache(cache).builder());
    }

    /** The same, in a shell that first raises the open-files limit as far as it may. */
    static Server startWithFiles(int files, Path cache, String script, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = Jrun.cmd(withScript(script, args)).cache(cache).builder();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + files + " 2>/dev/null; exec \"$0\" \"$@\""));
        cmd.addAll(pb.command());
        return start(pb.command(cmd));
    }

    static Server start(ProcessBuilder pb) throws IOException, InterruptedException {
        return new Server(pb.start());
    }

    static String example(String script) {
        return Jrun.repoRoot().resolve("examples").resolve(script).toString();
    }

    private static String[] withScript(String script, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = example(script);
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Waits until stdout contains {@code text}; fails after 30 s. */
    void awaitOut(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.indexOf(text) < 0) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no \"" + text + "\" in the server's output:\n" + out + "\nstderr:\n" + err);
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM, then waits for the end; returns the exit status, with all output collected. */
    int stop() throws InterruptedException {
        process.toHandle().destroy();                   // Process.destroy() would also close our end of its output
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError("the server did not stop on SIGTERM");
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "server-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
