package dev.jrun.serve;

import dev.jrun.cache.CacheRoot;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A per-user compile server: {@code ServerMain DIR BUILD}, started in the background by the front
 * end after a build that found none (see {@link ServerDir} for DIR). It keeps a warm compiler so
 * that a run after an edit costs a compile, not a JVM start and a cold javac. One runs per DIR (its
 * lock); it ends by itself after JRUN_COMPILE_SERVER_IDLE (seconds, or with s, m or h; default 10
 * minutes) with nothing to do, and at once when its directory, its FIFO or its jrun install goes.
 * It is reached through a FIFO in the user's private cache root, never a port.
 */
public final class ServerMain {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    static final Duration TRIM_AFTER = Duration.ofSeconds(5);
    /** How long a stopping server lets the builds under way finish (jrun server stop waits 10 s). */
    static final Duration FINISH_BUILDS = Duration.ofSeconds(8);
    /** Held while the server lives (a lock whose channel the collector closed would let a second server in). */
    private static FileLock held;

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("jrun: error: the compile server is started by the jrun command, not by hand");
            System.exit(2);
        }
        ServerDir dir = new ServerDir(Path.of(args[0]));
        Path root = dir.dir().getParent().getParent();
        CacheRoot.check(root);
        Files.createDirectories(dir.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int uid = Request.owner(Path.of("/proc/self/"));
        if (Request.owner(dir.dir()) != uid || Request.owner(dir.dir().getParent()) != uid) {
            System.exit(7);
        }
        FileChannel lockChannel = FileChannel.open(dir.file(ServerDir.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        held = lockChannel.tryLock();
        if (held == null && inTheWay(dir)) {
            for (int i = 0; i < 50 && held == null; i++) { // (it is being killed: its lock goes with it)
                Thread.sleep(100);
                held = lockChannel.tryLock();
            }
        }
        if (held == null) {
            System.exit(0); // another server has it
        }
        Files.deleteIfExists(dir.file(ServerDir.STUCK)); // (about another process)
        Path logFile = dir.file(ServerDir.LOG);
        if (Files.exists(logFile) && Files.size(logFile) > (1 << 20)) {
            Files.move(logFile, dir.file(ServerDir.LOG + ".old"), StandardCopyOption.REPLACE_EXISTING);
        }
        PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        System.setOut(log);
        System.setErr(log);
        sweep(dir);
        Files.createDirectories(dir.file(ServerDir.WORK));
        Path fifo = dir.file(ServerDir.IN);
        Files.deleteIfExists(fifo);
        Process mk = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            log.println(Instant.now() + " cannot make the FIFO " + fifo);
            System.exit(8);
        }
        Object fifoKey = Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Duration idle = idle(System.getenv("JRUN_COMPILE_SERVER_IDLE"));
        Install install = Install.ofThisJvm();
        ReplyPool pool = new ReplyPool(dir);
        pool.make();
        Server server = new Server(dir, args[1], uid, log, pool);
        Status status = new Status(dir, args[1], server);
        Runnable cleanUp = () -> {
            server.stop();
            try {
                if (Files.readString(dir.file(ServerDir.PID)).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                    Files.deleteIfExists(dir.file(ServerDir.PID));
                }
                if (sameFile(fifo, fifoKey)) {
                    Files.deleteIfExists(fifo);
                }
            } catch (IOException e) {
                // gone already
            }
            // new clients now find no server; the ones it took get their builds (a build cut off
            // would cost its client a second build in a builder JVM)
            server.awaitBuilds(FINISH_BUILDS.toNanos());
            server.workers().close();
            // what a server of the next jrun build would not use; the log stays, for jrun server status's reader
            pool.remove();
            CacheRoot.deleteTree(dir.file(ServerDir.WORK));
            try {
                Files.deleteIfExists(dir.file(ServerDir.STATUS));
            } catch (IOException e) {
                // stale, but naming a process that is gone
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!server.stopping()) {
                log.println(Instant.now() + " stopping: asked to (a signal, jrun server stop)");
            }
            cleanUp.run();
        }));

        RandomAccessFile in = new RandomAccessFile(fifo.toFile(), "rw"); // never at its end: we write to it too
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timer");
            t.setDaemon(true);
            return t;
        });
        server.startHeartbeat(timer);
        Path pidTmp = dir.file(ServerDir.PID + ".tmp");
        Files.writeString(pidTmp, ProcessHandle.current().pid() + "\n");
        Files.move(pidTmp, dir.file(ServerDir.PID), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.println(Instant.now() + " serving jrun build " + args[1] + " on JDK " + Runtime.version() + " (pid "
                + ProcessHandle.current().pid() + ", idle exit after " + idle.toSeconds() + " s)");
        status.write();
        long[] trimmedAt = {0};
        String meminfoEnv = System.getenv("JRUN_SERVER_MEMINFO");
        Path meminfo = Path.of(meminfoEnv == null || meminfoEnv.isEmpty() ? "/proc/meminfo" : meminfoEnv);
        timer.scheduleWithFixedDelay(() -> {
            String why = null;
            if (server.idleFor(idle.toNanos())) {
                why = "idle for " + idle.toSeconds() + " s";
            } else if (server.idleFor(TRIM_AFTER.toNanos()) && MemoryShort.now(meminfo)) {
                why = "memory is short (" + meminfo + ")";
            } else if (!install.unchanged()) {
                why = "jrun was installed again";
            } else if (!sameFile(fifo, fifoKey)) {
                why = "its FIFO is gone";
            }
            if (why != null) {
                log.println(Instant.now() + " stopping: " + why);
                cleanUp.run();
                settle();
                System.exit(0);
            }
            status.writeIfChanged();
            sweep(dir);
            pool.sweep(server::busy);
            if (server.idleFor(dev.jrun.compile.Compiler.keepContextsFor().toNanos()) && dev.jrun.compile.Compiler.dropKeptContexts() > 0) {
                System.gc();
            }
            if (server.idleFor(TRIM_AFTER.toNanos()) && server.builds.get() + 1 != trimmedAt[0]) {
                // a server waits far more than it works: what its builds left is given back
                trimmedAt[0] = server.builds.get() + 1;
                System.gc();
            }
        }, 1, 1, TimeUnit.SECONDS);
        Thread warm = new Thread(() -> Warmup.run(dir, log), "warm-up");
        warm.setDaemon(true);
        warm.start();
        server.accept(new BufferedReader(new InputStreamReader(new FileInputStream(in.getFD()), StandardCharsets.US_ASCII)));
    }

    /**
     * A moment for clients that wrote before the FIFO went: the accept thread tells them no (the
     * server is stopping); the later ones find no FIFO, or the server gone, and build themselves.
     */
    private static void settle() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the server holding the lock is one that cannot answer: stopped (SIGSTOP), a zombie,
     * or marked stuck in the last minute by a client it left without an answer for seconds
     * ({@code stuck}, naming its pid). Then it is killed, and true is returned. A client that found
     * it so built in a JVM of its own and started this one.
     */
    private static boolean inTheWay(ServerDir dir) {
        return dir.process().filter(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                Path stuck = dir.file(ServerDir.STUCK);
                boolean marked = Files.isRegularFile(stuck)
                        && Files.readString(stuck).strip().equals(Long.toString(p.pid()))
                        && Files.getLastModifiedTime(stuck).toInstant().isAfter(Instant.now().minusSeconds(60));
                return ("TtZ".indexOf(state) >= 0 || marked) && p.destroyForcibly();
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).isPresent();
    }

    private static boolean sameFile(Path p, Object key) {
        try {
            return key.equals(Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    /** Requests and reply FIFOs of clients that are gone. */
    private static void sweep(ServerDir dir) {
        try (Stream<Path> s = Files.list(dir.dir())) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if ((n.startsWith("q.") || n.startsWith("r.") || n.startsWith("w.")) && n.substring(2).chars().allMatch(Character::isDigit)
                        && !n.substring(2).isEmpty() && ProcessHandle.of(Long.parseLong(n.substring(2))).isEmpty()) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // next time
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // next time
        }
    }

    /** JRUN_COMPILE_SERVER_IDLE: seconds, or a number with s, m or h. */
    static Duration idle(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
        try {
            long n = Long.parseLong(v.replaceAll("[smh]$", ""));
            return n > 0 ? Duration.ofSeconds(n * unit) : DEFAULT_IDLE;
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }
}
