package dev.jrun.serve;

import dev.jrun.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's request, as its files and its process tell it: the builder's arguments from
 * {@code q.PID} ("jrun-build-1", the jrun build, then the arguments the front end would give the
 * builder, each ended by a NUL byte), and the environment and working directory of the client
 * process itself (/proc/PID/environ, /proc/PID/cwd), which only its own user can read.
 *
 * @param build the jrun build the client is part of
 * @param args  the builder's arguments
 * @param env   the client's environment and working directory
 */
record Request(String build, String[] args, Environment env) {
    static final String MAGIC = "jrun-build-1";
    private static final long MAX = 1 << 20;

    /** Why a request is refused: said in the server's log, never to the client. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why);
        }
    }

    /** The uid that owns a file (or /proc/PID, a process). */
    static int owner(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Reads the request of process {@code pid}, refusing it unless the process, the request file and
     * the reply FIFO are all {@code uid}'s.
     */
    static Request read(ServerDir dir, long pid, int uid) throws IOException, Refused {
        Path proc = Path.of("/proc", Long.toString(pid));
        Path req = dir.request(pid);
        if (owner(proc) != uid) {
            throw new Refused("process " + pid + " is not this user's");
        }
        if (!Files.isRegularFile(req, LinkOption.NOFOLLOW_LINKS) || owner(req) != uid || Files.size(req) > MAX) {
            throw new Refused(req + " is not a request file of this user's");
        }
        List<String> fields = split(Files.readAllBytes(req));
        if (fields.size() < 2 || !fields.get(0).equals(MAGIC)) {
            throw new Refused(req + " is not a request of this version");
        }
        Map<String, String> vars = new HashMap<>();
        for (String kv : split(Files.readAllBytes(proc.resolve("environ")))) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                vars.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
        if (owner(proc) != uid) { // (the pid was not reused while its files were read)
            throw new Refused("process " + pid + " is not this user's");
        }
        Environment env = Environment.of(vars, Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), cwd);
        return new Request(fields.get(1), fields.subList(2, fields.size()).toArray(String[]::new), env);
    }

    /** NUL-ended fields. */
    static List<String> split(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }
}
