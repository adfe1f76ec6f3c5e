package dev.jrun.compile;

import dev.jrun.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compiler JVM that stays: a compile server's javac for a JDK other than its own. It reads one
 * job a line from standard input ("REQUEST RESULT OUTPUT verbose|-", paths without spaces, in the
 * server's private directory), compiles it as {@link CompileChild} would, writes what the compiler
 * said to OUTPUT and answers "STATUS" on standard output. It ends when its input ends, that is when
 * the server does.
 */
public final class CompileWorker {
    private CompileWorker() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicLong jobs = new AtomicLong();
        Compiler.keepContexts();
        Thread trim = new Thread(() -> {
            // like the server: what the compiles left is given back once it waits, and javac's
            // kept contexts once it has had no compile for KeptContexts.KEEP_FOR
            long seen = 0;
            long idleRounds = 0;
            while (true) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = jobs.get();
                idleRounds = now == seen ? idleRounds + 1 : 0;
                if (idleRounds >= KEEP_CONTEXTS_ROUNDS && Compiler.dropKeptContexts() > 0) {
                    System.gc();
                }
                if (now == seen && now > 0 && now != trimmed) {
                    trimmed = now;
                    System.gc();
                }
                seen = now;
            }
        }, "trim");
        trim.setDaemon(true);
        trim.start();
        for (String line; (line = in.readLine()) != null;) {
            String[] job = line.split(" ");
            out.println(job.length == 4 ? compile(job) : 70);
            jobs.incrementAndGet();
        }
    }

    private static long trimmed;
    /** KeptContexts.KEEP_FOR, in the trim thread's rounds of five seconds. */
    private static final long KEEP_CONTEXTS_ROUNDS = KeptContexts.KEEP_FOR.toSeconds() / 5;

    private static int compile(String[] job) throws IOException {
        boolean verbose = job[3].equals("verbose");
        try (PrintStream err = new PrintStream(Files.newOutputStream(Path.of(job[2])), true, StandardCharsets.UTF_8)) {
            try {
                new Compiler(err).compile(CompileRequest.read(Path.of(job[0]))).write(Path.of(job[1]));
                return 0;
            } catch (Exception | Error e) {
                return Report.failure(e, verbose, err);
            }
        }
    }
}
