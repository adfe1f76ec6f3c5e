package dev.jrun.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a compile server lives: {@code ROOT/server/BUILD/}, BUILD naming the jrun build it serves
 * (a server never serves another). In it: {@code lock} (held by the running server), {@code pid}
 * (written once it listens), {@code in} (the FIFO a client writes its process id to, one line),
 * {@code status} (what it has done), {@code log}, {@code work/} (its compilers' jobs), and per
 * client {@code q.PID} (the request) and the FIFO the answer comes back on: one of the pool's
 * {@code p.N}, claimed by creating {@code c.N} (holding the client's pid) with O_EXCL, or when all
 * are taken the client's own {@code r.PID}. The pool spares a client the fork of mkfifo.
 */
public record ServerDir(Path dir) {
    public static final String PID = "pid";
    public static final String IN = "in";
    public static final String LOCK = "lock";
    public static final String STATUS = "status";
    public static final String LOG = "log";
    public static final String WORK = "work";
    /** A client's note that the server (the pid in it) left it without an answer: see ServerMain. */
    public static final String STUCK = "stuck";
    /** Touched by the server's timer every half second: a client that waits long sees it is alive and busy. */
    public static final String BEAT = "beat";

    /** The servers' directory of a cache root. */
    public static Path parent(Path root) {
        return root.resolve("server");
    }

    /** Every server directory of a cache root (of any jrun build). */
    public static List<ServerDir> all(Path root) throws IOException {
        List<ServerDir> out = new ArrayList<>();
        if (Files.isDirectory(parent(root))) {
            try (Stream<Path> s = Files.list(parent(root))) {
                s.filter(Files::isDirectory).sorted().forEach(d -> out.add(new ServerDir(d)));
            }
        }
        return out;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path request(long pid) {
        return dir.resolve("q." + pid);
    }

    public Path reply(long pid) {
        return dir.resolve("r." + pid);
    }

    /** The pool's reply FIFO {@code slot} (p.N), which a client claims by creating c.N. */
    public Path pooled(int slot) {
        return dir.resolve("p." + slot);
    }

    public Path claim(int slot) {
        return dir.resolve("c." + slot);
    }

    /** The running server's process, if its pid file names a live one. */
    public Optional<ProcessHandle> process() {
        try {
            long pid = Long.parseLong(Files.readString(file(PID), StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(ServerDir::isServer);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process is a compile server (and not a process that got its pid since). */
    static boolean isServer(ProcessHandle p) {
        try {
            byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(cmd, StandardCharsets.UTF_8).contains(ServerMain.class.getName());
        } catch (IOException e) {
            return false;
        }
    }
}
