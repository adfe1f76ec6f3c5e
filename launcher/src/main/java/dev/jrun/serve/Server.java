package dev.jrun.serve;

import dev.jrun.ExitCode;

import dev.jrun.compile.CompileWorkers;
import dev.jrun.cache.BackgroundGc;
import dev.jrun.build.BuildMain;
import dev.jrun.build.BuildRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compile server at work: takes client process ids from its FIFO, one a line, and builds for
 * each on a thread of its own (at most {@link #COMPILING} compiling at once; the others wait taken,
 * with heartbeats), exactly as the builder JVM would (the same {@link BuildMain#build}),
 * with the client's environment and working directory, saying what the builder would say on the
 * client's standard error. It declines (the client then builds itself) what it must not do: a
 * request of another jrun build, or anything once it is stopping.
 */
final class Server {
    private final ServerDir dir;
    private final String build;
    private final int uid;
    private final PrintStream log;
    private final CompileWorkers workers;
    private final Set<Reply> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "build");
        t.setDaemon(true);
        return t;
    });
    /**
     * Builds compiling at once. A client is told "A" (taken) at once and kept alive by heartbeats
     * while its build waits: 200 compiles at once on 2 cores starved the accepting threads and
     * the heartbeat past the client's 10 s of patience, and filled the heap.
     */
    static final int COMPILING = Math.max(3, Runtime.getRuntime().availableProcessors() + 1);
    private final Semaphore compiling = new Semaphore(COMPILING, true);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    final AtomicLong builds = new AtomicLong();
    /** Builds that failed for the server's own reasons (the cache, the system, jrun itself). */
    final AtomicLong failed = new AtomicLong();
    /** Builds that ended in the script's own error (a compile error, a missing dependency ...): the user's to fix. */
    final AtomicLong scriptErrors = new AtomicLong();
    private volatile boolean stopping;

    private final ReplyPool pool;
    private final Set<Integer> busy = ConcurrentHashMap.newKeySet();

    /** Whether the pool's FIFO {@code slot} is in use by a build under way. */
    boolean busy(int slot) {
        return busy.contains(slot);
    }

    Server(ServerDir dir, String build, int uid, PrintStream log, ReplyPool pool) {
        this.pool = pool;
        this.dir = dir;
        this.build = build;
        this.uid = uid;
        this.log = log;
        this.workers = new CompileWorkers(dir.file(ServerDir.WORK));
    }

    CompileWorkers workers() {
        return workers;
    }

    /**
     * Every half second, a "." to each client whose build is under way (or waits its turn), and a
     * touch of {@link ServerDir#BEAT}: the evidence that the server is alive for a client that has
     * waited long (a machine so loaded that a reply is late).
     */
    void startHeartbeat(ScheduledExecutorService timer) {
        Path beat = dir.file(ServerDir.BEAT);
        timer.scheduleWithFixedDelay(() -> {
            active.forEach(r -> r.line("."));
            try {
                Files.writeString(beat, ""); // (its time is what counts)
            } catch (IOException e) {
                // a full disk: clients fall back on the replies alone
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** Reads client process ids until the FIFO ends (it does not: the server holds it open too). */
    void accept(BufferedReader in) throws IOException {
        for (String line; (line = in.readLine()) != null;) {
            String[] words = line.strip().split(" ");
            if (words.length > 2 || !number(words[0], 10) || words.length == 2 && !number(words[1], 3)) {
                log.println(Instant.now() + " ignored a line that names no process");
                continue;
            }
            long pid = Long.parseLong(words[0]);
            int slot = words.length == 2 ? Integer.parseInt(words[1]) : -1;
            running.incrementAndGet();
            lastActive.set(System.nanoTime());
            sessions.execute(() -> {
                try {
                    serve(pid, slot);
                } finally {
                    lastActive.set(System.nanoTime());
                    running.decrementAndGet();
                }
            });
        }
    }

    private static boolean number(String s, int digits) {
        return !s.isEmpty() && s.length() <= digits && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Serves process {@code pid}, answering on its own FIFO, or on the pool's FIFO {@code slot} that it claimed. */
    private void serve(long pid, int slot) {
        Path replyFifo = slot < 0 ? dir.reply(pid) : dir.pooled(slot);
        if (slot >= 0 && (!pool.isClaimedBy(slot, pid) || !take(slot))) {
            log.println(Instant.now() + " refused process " + pid + ": it did not claim reply FIFO " + slot);
            return;
        }
        try {
            if (isOurFifo(replyFifo)) {
                answer(pid, replyFifo);
            } else {
                log.println(Instant.now() + " refused process " + pid + ": " + replyFifo + " is not this user's FIFO");
            }
        } finally {
            try {
                Files.deleteIfExists(dir.request(pid));
                if (slot < 0) {
                    Files.deleteIfExists(replyFifo);
                }
                // (a pooled FIFO's claim is not released here: its client may not have read the whole
                // answer yet; the sweep releases it once the client has ended, and with it the FIFO's
                // last reader, so the next client finds it empty)
            } catch (IOException e) {
                // swept later
            } finally {
                busy.remove(slot);
            }
        }
    }

    /**
     * Marks the pool's FIFO {@code slot} busy. Its last client may have read its answer and ended, and
     * the sweep handed the FIFO to a new claimant, before the session that served that client got to
     * its last step: the slot is then free in a moment, and the new client is not refused for it.
     */
    private boolean take(int slot) {
        for (int i = 0; i < 250; i++) { // five seconds at most
            if (busy.add(slot)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean isOurFifo(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther() // a FIFO
                    && Request.owner(p) == uid;
        } catch (IOException e) {
            return false;
        }
    }

    /** The request of a client's words, or null if they are not one. */
    private static BuildRequest wellFormed(String[] args) {
        try {
            return BuildRequest.parse(args);
        } catch (dev.jrun.JrunException e) {
            return null;
        }
    }

    private void answer(long pid, Path replyFifo) {
        long start = System.nanoTime();
        try (Reply reply = Reply.open(replyFifo)) {
            Request req;
            try {
                req = Request.read(dir, pid, uid);
            } catch (Request.Refused e) {
                log.println(Instant.now() + " refused process " + pid + ": " + e.getMessage());
                reply.line("N");
                return;
            }
            BuildRequest request = wellFormed(req.args());
            if (stopping || !req.build().equals(build) || request == null) {
                // (one the builder JVM takes: a malformed request is its to report)
                reply.line("N");
                return;
            }
            reply.line("A");
            active.add(reply);
            int status;
            try {
                compiling.acquireUninterruptibly();
                try {
                    status = BuildMain.build(request, req.env(), reply.err(), workers);
                } finally {
                    compiling.release();
                }
            } catch (RuntimeException | Error e) {
                // (a build that failed in the server itself, out of memory say: the client's builder
                // JVM builds it, as it would with no server)
                reply.exit(76);
                throw e;
            } finally {
                active.remove(reply);
            }
            reply.exit(status);
            if (status == ExitCode.NOT_SERVED) {
                // (a build for the client's builder JVM, which can ask on its terminal: not one of ours)
                log.println(Instant.now() + " left " + req.args()[2] + " to process " + pid + "'s builder JVM");
                return;
            }
            builds.incrementAndGet();
            if (status == ExitCode.CACHE || status == ExitCode.SYSTEM || status == ExitCode.INTERNAL) {
                failed.incrementAndGet();
            } else if (status != 0) {
                scriptErrors.incrementAndGet();
            }
            log.println(Instant.now() + " built " + request.name() + " for process " + pid + ": status " + status
                    + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            if (status == 0) {
                BackgroundGc.startInBackground(Path.of(request.entry()).getParent().getParent());
            }
        } catch (IOException | RuntimeException e) {
            log.println(Instant.now() + " process " + pid + ": " + e);
        }
    }

    /** No build under way, and none for {@code nanos}. */
    boolean idleFor(long nanos) {
        return running.get() == 0 && System.nanoTime() - lastActive.get() > nanos;
    }

    /** Waits until no build is under way, at most {@code nanos}; whether none is. */
    boolean awaitBuilds(long nanos) {
        long until = System.nanoTime() + nanos;
        while (running.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return running.get() == 0;
    }

    /** From now on every request is declined. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }
}
