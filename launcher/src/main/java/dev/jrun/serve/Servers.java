package dev.jrun.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The compile servers of a cache root, as {@code jrun server status|stop} shows and stops them. */
public final class Servers {
    private Servers() {
    }

    /**
     * One running process: a server, or one of its compilers for another JDK. {@code failed}: builds
     * that failed for the server's own reasons; {@code scriptErrors}: builds that ended in the
     * script's error (the user's compile errors are not the server's failures).
     */
    public record Proc(long pid, String build, String jdk, Duration uptime, long rssKiB, long builds, long failed,
            long scriptErrors, List<Proc> compilers) {
    }

    /** The running servers (and their compilers), from their status files and /proc. */
    public static List<Proc> running(Path root) throws IOException {
        List<Proc> out = new ArrayList<>();
        for (ServerDir d : ServerDir.all(root)) {
            Optional<ProcessHandle> p = d.process();
            if (p.isEmpty()) {
                continue;
            }
            Properties s = new Properties();
            try (Reader r = Files.newBufferedReader(d.file(ServerDir.STATUS), StandardCharsets.UTF_8)) {
                s.load(r);
            } catch (IOException e) {
                // just started
            }
            List<Proc> compilers = new ArrayList<>();
            for (int i = 0; s.getProperty("worker." + i + ".pid") != null; i++) {
                String k = "worker." + i + ".";
                long pid = Long.parseLong(s.getProperty(k + "pid"));
                Optional<ProcessHandle> w = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
                if (w.isPresent()) {
                    compilers.add(new Proc(pid, "", s.getProperty(k + "jdk", "?"), uptime(w.get()), rss(pid),
                            Long.parseLong(s.getProperty(k + "compiles", "0")), 0, 0, List.of()));
                }
            }
            out.add(new Proc(p.get().pid(), d.dir().getFileName().toString(), s.getProperty("jdk", "?"),
                    uptime(p.get()), rss(p.get().pid()), Long.parseLong(s.getProperty("builds", "0")),
                    Long.parseLong(s.getProperty("failed", "0")), Long.parseLong(s.getProperty("script-errors", "0")),
                    compilers));
        }
        return out;
    }

    /** What became of a server asked to stop. */
    public record Stopped(long pid, boolean killed) {
    }

    /**
     * Asks every server to stop (SIGTERM, and SIGCONT for one stopped by SIGSTOP, which would not
     * hear it otherwise) and waits for them, at most {@code wait}; kills (SIGKILL) the ones still
     * there after that. Returns them all.
     */
    public static List<Stopped> stop(Path root, Duration wait) throws IOException {
        List<ProcessHandle> asked = new ArrayList<>();
        for (ServerDir d : ServerDir.all(root)) {
            d.process().ifPresent(p -> {
                if (p.destroy()) {
                    asked.add(p);
                    try {
                        new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
                    } catch (IOException e) {
                        // it was not stopped, then
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        List<Stopped> out = new ArrayList<>();
        Instant until = Instant.now().plus(wait);
        for (ProcessHandle p : asked) {
            boolean ended;
            try {
                p.onExit().get(Math.max(1, Duration.between(Instant.now(), until).toMillis()),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                ended = true;
            } catch (Exception e) {
                ended = !p.isAlive();
            }
            if (!ended) {
                p.destroyForcibly();
                try {
                    p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported as killed all the same: SIGKILL is not refused to its owner
                }
            }
            out.add(new Stopped(p.pid(), !ended));
        }
        return out;
    }

    private static Duration uptime(ProcessHandle p) {
        return p.info().startInstant().map(t -> Duration.between(t, Instant.now())).orElse(Duration.ZERO);
    }

    /** Resident memory, KiB (VmRSS), or -1. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }
}
