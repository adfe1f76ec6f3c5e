package dev.jrun.compile;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.plan.Jdk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compile server's compilers for the JDKs it does not run on: one {@link CompileWorker} per JDK,
 * started on its first script and kept (warm) until the server ends. A worker compiles one request
 * at a time; one that dies is started again on the next request.
 */
public final class CompileWorkers {
    private final Path work;
    private final Map<Path, Worker> workers = new ConcurrentHashMap<>();

    /** @param work a private directory for the jobs' files */
    public CompileWorkers(Path work) {
        this.work = work;
    }

    /** Compiles {@code req} with {@code jdk}'s javac; says what the compiler said on {@code err}. */
    public CompileResult compile(Jdk jdk, CompileRequest req, PrintStream err, boolean verbose) throws IOException {
        Worker w = workers.computeIfAbsent(jdk.java(), j -> new Worker(jdk));
        synchronized (w) {
            return w.compile(req, err, verbose);
        }
    }

    /** The workers that are running: JDK, process. */
    public List<Map.Entry<Jdk, ProcessHandle>> running() {
        List<Map.Entry<Jdk, ProcessHandle>> out = new ArrayList<>();
        workers.values().forEach(w -> {
            Process p = w.process;
            if (p != null && p.isAlive()) {
                out.add(Map.entry(w.jdk, p.toHandle()));
            }
        });
        return out;
    }

    /** How many compiles the JDK's running worker process has done (a worker started again counts afresh). */
    public long served(Jdk jdk) {
        Worker w = workers.get(jdk.java());
        return w == null ? 0 : w.served;
    }

    public void close() {
        workers.values().forEach(w -> {
            if (w.process != null) {
                w.process.destroy();
            }
        });
    }

    private final class Worker {
        private final Jdk jdk;
        private Process process;
        private Writer to;
        private BufferedReader from;
        private long served;
        private long jobs;

        Worker(Jdk jdk) {
            this.jdk = jdk;
        }

        CompileResult compile(CompileRequest req, PrintStream err, boolean verbose) throws IOException {
            String id = "job-" + ProcessHandle.current().pid() + "-" + (++jobs) + "-" + jdk.major();
            Path reqFile = work.resolve(id + ".request");
            Path result = work.resolve(id + ".result");
            Path out = work.resolve(id + ".out");
            try {
                req.write(reqFile);
                String status = ask(reqFile + " " + result + " " + out + " " + (verbose ? "verbose" : "-"));
                if (status == null) { // the worker died: once more, with a new one
                    status = ask(reqFile + " " + result + " " + out + " " + (verbose ? "verbose" : "-"));
                }
                if (status == null) {
                    throw new JrunException(ExitCode.INTERNAL, "the compiler JVM of JDK " + jdk.version()
                            + " ended unexpectedly; run with --verbose");
                }
                if (Files.isRegularFile(out)) {
                    err.print(Files.readString(out, StandardCharsets.UTF_8));
                }
                int code = Integer.parseInt(status.strip());
                if (code != 0) {
                    throw new JrunException(code, null);
                }
                served++;
                return CompileResult.read(result);
            } finally {
                Files.deleteIfExists(reqFile);
                Files.deleteIfExists(result);
                Files.deleteIfExists(out);
            }
        }

        /** Sends one job; the worker's answer, or null if it died. */
        private String ask(String job) throws IOException {
            if (process == null || !process.isAlive()) {
                start();
            }
            try {
                to.write(job + "\n");
                to.flush();
                return from.readLine();
            } catch (IOException e) {
                process.destroyForcibly();
                return null;
            }
        }

        private void start() throws IOException {
            List<String> cmd = dev.jrun.OwnJvm.command(jdk.java().toString());
            cmd.addAll(dev.jrun.OwnJvm.RESIDENT);
            cmd.addAll(List.of("-Xlog:disable", "-Xlog:all=off", "-cp", System.getProperty("java.class.path"),
                    CompileWorker.class.getName()));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            served = 0; // shown beside this process's pid and uptime
            to = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
