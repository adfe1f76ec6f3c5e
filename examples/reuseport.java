#!/usr/bin/env jrun
//DESCRIPTION Two ways to spread connections over worker processes, measured: one shared listening socket vs SO_REUSEPORT.
//JAVA 22+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteOrder;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/*
 * Where sockets live, with pre-forked workers. A listening socket is one accept queue in the kernel.
 * (a) Hand the same listening socket to every worker: they all block in accept() on ONE queue and
 *     whoever the kernel wakes takes the next connection. Java cannot pass a socket to a child
 *     process, but every child inherits its parent's stdin; so the parent creates the socket with
 *     libc calls (FFM), dup2()s it onto fd 0 and starts the workers, which pick it up with
 *     System.inheritedChannel(), the way inetd hands sockets to its servers.
 * (b) Let each worker open its OWN listening socket on the same port, allowed by SO_REUSEPORT: now
 *     there are N accept queues, and the kernel hashes each new connection's 4-tuple to pick one.
 * The same burst of connections goes to both; each worker answers with its number, and the
 * parent counts who served what and how long each connection waited for its answer. Worker 0 is
 * slow (--slow-ms per connection): with one shared queue the fast workers take what it cannot, with
 * a queue per worker the connections hashed to its queue wait behind it.
 */
class ReusePort {
    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("reuseport: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Throwable {
        String host = "127.0.0.1", mode = "both";
        int workers = 4, connections = 400, worker = -1, port = 0, slowMs = 20, runs = 3;
        Path svg = null;
        boolean inherited = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--workers" -> workers = number(args, ++i);
                case "--connections" -> connections = number(args, ++i);
                case "--slow-ms" -> slowMs = number(args, ++i);
                case "--runs" -> runs = number(args, ++i);
                case "--svg" -> svg = Path.of(value(args, ++i));
                case "--mode" -> mode = value(args, ++i);
                case "--trace" -> trace = true;
                case "--worker" -> worker = number(args, ++i);    // the workers' own options
                case "--inherited" -> inherited = true;
                case "--port" -> port = port(args, ++i);
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (worker >= 0) {
            work(worker, inherited, host, port, slowMs);
            return;
        }
        if (!Set.of("a", "b", "both").contains(mode) || workers < 1 || connections < 1 || runs < 1) {
            usage("--mode is a, b or both; --workers, --connections and --runs at least 1");
        }
        System.out.println("pid " + ProcessHandle.current().pid() + ": " + workers + " worker processes, a burst of "
                + connections + " connections in each mode, " + runs + " time" + (runs == 1 ? "" : "s")
                + "; worker 0 is slow (" + slowMs + " ms a connection)");
        List<String> common = List.of("--slow-ms", Integer.toString(slowMs));
        long[] a = null, b = null;
        if (!mode.equals("b")) {
            a = run("(a) one shared listening socket, inherited by every worker as its stdin", workers, connections, runs,
                    sharedSocket(host), host, concat(common, List.of("--inherited")));
        }
        if (!mode.equals("a")) {
            // Hold the port with a bound (not listening) SO_REUSEPORT socket until the workers have bound it too.
            try (Socket hold = new Socket()) {
                hold.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                hold.bind(new InetSocketAddress(host, 0));
                int p = hold.getLocalPort();
                b = run("(b) SO_REUSEPORT: each worker binds its own listening socket to port " + p, workers, connections,
                        runs, p, host, concat(common, List.of("--port", Integer.toString(p))));
            }
        }
        if (a != null && b != null) {
            System.out.println();
            System.out.printf(Locale.ROOT, "with a slow worker, p99 latency: %.1f ms with one shared queue, %.1f ms with"
                    + " a queue per worker%n  (%s)%n", pct(a, 0.99) / 1e6, pct(b, 0.99) / 1e6,
                    pct(a, 0.99) < pct(b, 0.99) ? "the shared queue is "
                            + String.format(Locale.ROOT, "%.1fx", (double) pct(b, 0.99) / Math.max(1, pct(a, 0.99)))
                            + " better: a free worker takes the next connection, the slow one takes few"
                            : "the shared queue did not help here");
        }
        if (svg != null) {
            Files.writeString(svg, chart(a, b, workers, connections, runs, slowMs));
            System.out.println("chart: " + svg);
        }
    }

    static List<String> concat(List<String> x, List<String> y) {
        List<String> l = new ArrayList<>(x);
        l.addAll(y);
        return l;
    }

    /** The p-th quantile (0..1) of sorted nanoseconds. */
    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * Starts the workers, sends the burst --runs times, prints who served how many and how long the
     * connections waited, stops the workers; returns every connection's latency in ns, sorted.
     */
    static long[] run(String title, int n, int connections, int runs, int port, String host, List<String> workerArgs)
            throws Throwable {
        System.out.println();
        System.out.println(title);
        List<Process> procs = new CopyOnWriteArrayList<>();
        Thread stop = new Thread(() -> procs.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(stop);                // SIGINT/SIGTERM: take the workers along
        List<String> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx32m",
                        "-cp", System.getProperty("java.class.path"), ReusePort.class.getName(),
                        "--worker", Integer.toString(i), "--host", host));
                cmd.addAll(workerArgs);
                if (trace) {
                    cmd.add("--trace");
                }
                // stdin: inherited. In mode (a) the parent's fd 0 is the listening socket right now.
                procs.add(new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)  // jrun:nosec COMMAND_INJECTION argv list, no shell: this JDK's java and the example's own options
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
                trace("fork+exec worker " + i + " = pid " + procs.get(i).pid());
            }
            if (workerArgs.contains("--inherited")) {
                Libc.restoreStdin();                                // the parent itself accepts nothing
            }
            List<BufferedReader> outs = new ArrayList<>();
            for (Process p : procs) {                              // "ready socket:[INODE]" from each
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = r.readLine();
                if (line == null || !line.startsWith("ready ")) {
                    throw new IllegalStateException("worker pid " + p.pid() + " did not start: " + line);
                }
                sockets.add(line.substring(6));
                outs.add(r);
            }
            Thread.sleep(200);                                      // let the last ones reach accept()

            // The burst: every connection at once, each in a virtual thread that connects (the kernel
            // completes the handshake into an accept queue), reads which worker took it, and times that.
            InetSocketAddress to = new InetSocketAddress(host, port);
            int[] count = new int[n];
            long[][] perWorker = new long[n][];
            List<Long> all = new ArrayList<>();
            List<List<Long>> byWorker = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byWorker.add(new ArrayList<>());
            }
            long[] p99 = new long[runs];
            for (int run = 0; run < runs; run++) {
                List<Future<long[]>> burst = new ArrayList<>();
                try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int c = 0; c < connections; c++) {
                        burst.add(threads.submit(() -> {
                            long t0 = System.nanoTime();
                            try (SocketChannel ch = SocketChannel.open(family(to))) {
                                ch.connect(to);
                                BufferedReader r = new BufferedReader(new InputStreamReader(ch.socket().getInputStream(),
                                        StandardCharsets.UTF_8));
                                int k = Integer.parseInt(r.readLine().split(" ")[1]);   // "worker K pid P"
                                return new long[] {k, System.nanoTime() - t0};
                            }
                        }));
                    }
                }
                long[] thisRun = new long[connections];
                for (int c = 0; c < connections; c++) {
                    long[] kt = burst.get(c).get();
                    count[(int) kt[0]]++;
                    byWorker.get((int) kt[0]).add(kt[1]);
                    all.add(kt[1]);
                    thisRun[c] = kt[1];
                }
                Arrays.sort(thisRun);
                p99[run] = pct(thisRun, 0.99);
            }
            int max = 0, min = Integer.MAX_VALUE, total = connections * runs;
            System.out.println("  listening sockets: " + new TreeSet<>(sockets).size() + " " + new TreeSet<>(sockets));
            for (int i = 0; i < n; i++) {
                max = Math.max(max, count[i]);
                min = Math.min(min, count[i]);
                long[] l = byWorker.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "  worker %d  pid %-7d %5d connections  %-24s %s%n", i, procs.get(i).pid(),
                        count[i], "#".repeat((int) Math.round(24.0 * count[i] / total)),
                        l.length == 0 ? "" : String.format(Locale.ROOT, "p50 %.1f ms", pct(l, 0.5) / 1e6));
            }
            System.out.println("  spread (max/min): " + (min == 0 ? max + "/0, a worker got none"
                    : String.format("%d/%d = %.2f", max, min, (double) max / min)));
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            Arrays.sort(p99);
            System.out.printf(Locale.ROOT, "  latency (connect to answer): p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    pct(sorted, 0.5) / 1e6, pct(sorted, 0.9) / 1e6, pct(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
            if (runs > 1) {
                System.out.printf(Locale.ROOT, "  p99 of each of the %d runs: median %.1f ms, lowest %.1f, highest %.1f%s%n", runs,
                        p99[runs / 2] / 1e6, p99[0] / 1e6, p99[runs - 1] / 1e6,
                        p99[runs - 1] > 2 * p99[0] ? " (spread too wide to conclude from p99)" : "");
            }
            System.out.println(workerArgs.contains("--inherited")
                    ? "  one queue: each connection goes to whichever worker is back in accept() first, so the slow"
                    + "\n  worker 0 takes few and the fast ones share the rest: uneven counts, short waits"
                    : "  a queue per worker: the kernel's hash spreads the connections evenly whatever the workers'"
                    + "\n  speed, so those in worker 0's queue wait behind it: even counts, a long tail");
            return sorted;
        } finally {
            for (Process p : procs) {
                p.destroy();                                        // SIGTERM
            }
            for (Process p : procs) {
                p.waitFor();
            }
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    /** Mode (a)'s listening socket, made with libc and put on this process's fd 0; returns its port. */
    static int sharedSocket(String host) throws Throwable {
        return Libc.listenOnStdin(host);
    }

    /** A worker: accept, answer "worker K", close, until SIGTERM. */
    static void work(int id, boolean inherited, String host, int port, int slowMs) throws IOException {
        ServerSocketChannel server;
        if (inherited) {
            Channel ch = System.inheritedChannel();               // fd 0, when it is a socket
            if (!(ch instanceof ServerSocketChannel s)) {
                throw new IllegalStateException("stdin is not a listening socket: " + ch);
            }
            server = s;
        } else {
            server = ServerSocketChannel.open(family(new InetSocketAddress(host, port)));
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);   // setsockopt(SO_REUSEPORT)
            server.bind(new InetSocketAddress(host, port), 1024);        // bind + listen: a queue of our own
        }
        trace("worker " + id + ": listening socket " + socketName(inherited));
        System.out.println("ready " + socketName(inherited));
        System.out.flush();
        byte[] reply = ("worker " + id + " pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
        while (true) {
            try (SocketChannel c = server.accept()) {              // accept(): blocks
                trace("worker " + id + ": accept() -> " + c.getRemoteAddress());
                if (id == 0 && slowMs > 0) {
                    try {
                        Thread.sleep(slowMs);                         // the slow worker
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                c.write(java.nio.ByteBuffer.wrap(reply));
            }
        }
    }

    /** IPv4 sockets for IPv4 addresses, as mode (a)'s socket made with libc. */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** The latency distribution of each mode: latency against percentile, one line per mode. */
    static String chart(long[] a, long[] b, int workers, int connections, int runs, int slowMs) {
        int w = 720, h = 420, left = 70, top = 50, plotW = 600, plotH = 300;
        double max = 0;
        for (long[] l : new long[][] {a, b}) {
            if (l != null) {
                max = Math.max(max, l[l.length - 1] / 1e6);
            }
        }
        max = max <= 0 ? 1 : max * 1.05;
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\">%n<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h, w, h, w, h));
        out.append(text(w / 2.0, 22, "reuseport: latency of each connection, " + workers + " workers (worker 0 slow, " + slowMs  // jrun:nosec POTENTIAL_XML_INJECTION text() escapes what it writes; the values are numbers
                + " ms), " + connections + " connections x " + runs + " run" + (runs == 1 ? "" : "s"), "middle", 13));
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, top, left, top + plotH));
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left,
                top + plotH, left + plotW, top + plotH));
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4.0;
            out.append(text(left - 6, y + 4, String.format(Locale.ROOT, "%.0f ms", max * t / 4), "end", 10));
            out.append(text(left + plotW * t / 4.0, top + plotH + 16, (25 * t) + "%", "middle", 10));
        }
        out.append(text(left + plotW / 2.0, top + plotH + 34, "share of connections answered within the time", "middle", 11));
        String[][] modes = {{"mode-a", "(a) one shared queue", "#2a7f3f"}, {"mode-b", "(b) a queue per worker", "#c0392b"}};
        long[][] data = {a, b};
        for (int m = 0; m < 2; m++) {
            if (data[m] == null) {
                continue;
            }
            long[] l = data[m];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                double x = left + plotW * (i + 1.0) / l.length;
                double y = top + plotH - plotH * (l[i] / 1e6) / max;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            out.append(String.format("<g class=\"series\" id=\"%s\">%n", modes[m][0]));
            out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s: "
                    + "p50 %.1f ms, p99 %.1f ms, max %.1f ms</title></polyline>%n", modes[m][2], pts.toString().trim(), modes[m][1],
                    pct(l, 0.5) / 1e6, pct(l, 0.99) / 1e6, l[l.length - 1] / 1e6));
            out.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>%n", left + 20, top + 10 + 18 * m,
                    modes[m][2]));
            out.append(text(left + 40, top + 16 + 18 * m, modes[m][1], "start", 11));
            out.append("</g>\n");
        }
        return out + "</svg>\n";
    }

    static String text(double x, double y, String s, String anchor, int size) {
        String e = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n", x, y,
                anchor, size, e);
    }

    /** The kernel's name of our listening socket, socket:[INODE], found in /proc/self/fd. */
    static String socketName(boolean inherited) {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") && (!inherited || fd.getFileName().toString().equals("0"))) {
                        return target;
                    }
                } catch (IOException ignored) {
                    // the directory stream's own fd, already gone
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "socket:[?]";
    }

    /** The libc calls of mode (a), through FFM; loaded only in the parent. */
    static final class Libc {
        static final int AF_INET = 2, SOCK_STREAM = 1, SOL_SOCKET = 1, SO_REUSEADDR = 2;
        static final Linker C = Linker.nativeLinker();
        static final MemoryLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static int savedStdin = -1;

        static int listenOnStdin(String host) throws Throwable {
            Arena arena = Arena.global();
            int fd = call("socket(AF_INET, SOCK_STREAM, 0)", "socket", AF_INET, SOCK_STREAM, 0);
            call("setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, [1], 4)", "setsockopt", fd, SOL_SOCKET, SO_REUSEADDR,
                    arena.allocateFrom(JAVA_INT, 1), 4);
            MemorySegment sa = arena.allocate(16);                  // struct sockaddr_in
            sa.set(JAVA_SHORT, 0, (short) AF_INET);
            MemorySegment.copy(InetAddress.getByName(host).getAddress(), 0, sa, JAVA_BYTE, 4, 4);
            call("bind(fd, {" + host + ":0}, 16)", "bind", fd, sa, 16);
            call("listen(fd, 1024)", "listen", fd, 1024);
            call("getsockname(fd)", "getsockname", fd, sa, arena.allocateFrom(JAVA_INT, 16));
            savedStdin = call("dup(0)", "dup", 0);                  // keep our real stdin for later
            call("dup2(fd, 0)", "dup2", fd, 0);                     // fd 0 is now the listening socket
            call("close(fd)", "close", fd);
            return Short.toUnsignedInt(sa.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
        }

        /** Puts the parent's stdin back on fd 0: the listening socket now lives on in the workers only. */
        static void restoreStdin() throws Throwable {
            call("dup2(fd, 0)", "dup2", savedStdin, 0);
            call("close(fd)", "close", savedStdin);
        }

        static int call(String what, String name, Object... args) throws Throwable {
            MemoryLayout[] params = new MemoryLayout[args.length];
            for (int i = 0; i < args.length; i++) {
                params[i] = args[i] instanceof MemorySegment ? ADDRESS : JAVA_INT;
            }
            MethodHandle fn = C.downcallHandle(C.defaultLookup().find(name).orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, params), Linker.Option.captureCallState("errno"));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(STATE);
                Object[] all = new Object[args.length + 1];
                all[0] = state;
                System.arraycopy(args, 0, all, 1, args.length);
                int r = (int) fn.invokeWithArguments(all);
                trace(what.replace("fd", String.valueOf(args[0])) + " = " + r);
                if (r == -1) {
                    throw new IOException(what + " failed: errno " + ERRNO.get(state, 0L));
                }
                return r;
            }
        }
    }

    static void trace(String step) {
        if (trace) {
            System.err.println("[trace] " + step);
        }
    }

    /** A port number after option args[i - 1]: 0 (any free one) to 65535; a usage error otherwise. */
    static int port(String[] args, int i) {
        int port = number(args, i);
        if (port > 65535) {
            usage(args[i - 1] + " wants a port number from 0 to 65535, not " + port);
        }
        return port;
    }

    /** A whole number of 0 or more after option args[i - 1]; a usage error otherwise. */
    static int number(String[] args, int i) {
        String v = value(args, i);
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage(args[i - 1] + " wants a whole number of 0 or more, not '" + v + "'");
        return -1;
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static void usage(String problem) {
        System.err.println("reuseport: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: reuseport.java [--mode a|b|both] [--workers N] [--connections N] [--slow-ms N] [--runs N]
                                      [--svg FILE] [--host ADDR] [--trace]

                Starts N worker processes (default 4) and sends the same burst of connections (default 400)
                to them, twice:
                  (a) one listening socket, shared: the workers inherit it as their stdin and all block in
                      accept() on the one accept queue;
                  (b) SO_REUSEPORT: every worker binds its own listening socket to the same port, and the
                      kernel hashes each connection to one of the N accept queues.
                Each worker answers "worker K"; the script prints how many connections each one got, the
                spread (max/min), and the kernel names of the listening sockets (one in (a), N in (b)).

                Worker 0 is slow: it waits --slow-ms (default 20) before each answer. The burst goes
                --runs times (default 3) to each mode; every connection's latency (connect to answer) counts.

                  --svg FILE write the latency distribution of both modes as SVG
                  --trace    print the socket calls (socket, bind, listen, dup2, accept) on stderr

                SIGINT/SIGTERM stop it and its workers (exit status 130/143). Run it with jrun: the workers
                are started as `java -cp CLASSPATH`, which the source launcher (java reuseport.java) has not.
                """);
    }
}
