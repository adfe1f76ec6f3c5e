#!/usr/bin/env jrun
//DESCRIPTION TCP echo client: connect, write, read, close; a load mode holds N connections at once and checks every echoed byte.
//JAVA 21+

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Where sockets live, the client side: connect() picks a free local port (the ephemeral port) and
 * does the three-way handshake; from then on the connection is the 4-tuple (local IP, local port,
 * remote IP, remote port). TCP is a byte stream, not a message queue: one write() can come back in
 * several read()s, so the client reads until it has every byte it sent, and compares.
 */
class EchoClient {
    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("echo-client: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 7007, connections = 0, messages = 10, size = 64;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--connections" -> connections = number(args, ++i);
                case "--messages" -> messages = number(args, ++i);
                case "--size" -> size = number(args, ++i);
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> {
                    if (args[i].startsWith("--")) {
                        usage("unknown option: " + args[i]);
                    }
                    words.add(args[i]);
                }
            }
        }
        InetSocketAddress server = new InetSocketAddress(host, port);
        System.exit(connections > 0 ? load(server, connections, messages, size) : talk(server, words));
    }

    /** One connection: send each message (the arguments, else stdin's lines) and print its echo. */
    static int talk(InetSocketAddress server, List<String> words) throws IOException {
        try (Socket s = SocketChannel.open(family(server)).socket()) {   // socket()
            trace("socket(AF_" + family(server) + ", SOCK_STREAM)");
            s.connect(server);                                      // connect(): the handshake
            trace("connect(" + server + ") from " + s.getLocalSocketAddress());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            BufferedReader stdin = words.isEmpty() ? new BufferedReader(new InputStreamReader(System.in)) : null;
            for (int i = 0; ; i++) {
                String line = stdin != null ? stdin.readLine() : i < words.size() ? words.get(i) : null;
                if (line == null) {
                    break;
                }
                byte[] sent = (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(sent);
                trace("write(" + sent.length + " bytes)");
                byte[] echo = in.readNBytes(sent.length);           // read() until all of it is back
                trace("read() = " + echo.length + " bytes");
                if (!Arrays.equals(sent, echo)) {
                    System.err.println("echo-client: the echo differs from what was sent");
                    return 1;
                }
                System.out.print(new String(echo, StandardCharsets.UTF_8));
            }
            trace("close()");
        }
        return 0;
    }

    /**
     * Opens {@code connections} connections and holds them all open, then on each of them sends
     * {@code messages} messages of {@code size} bytes, one at a time, each checked byte for byte
     * and timed from write to the last echoed byte.
     */
    static int load(InetSocketAddress server, int connections, int messages, int size) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong(), bytes = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(connections), go = new CountDownLatch(1);
        Semaphore connecting = new Semaphore(200);                 // do not overrun the accept queue
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] mine = new long[messages];
                Socket s;
                try {
                    s = SocketChannel.open(family(server)).socket();
                } catch (IOException e) {
                    failures.incrementAndGet();
                    connected.countDown();
                    return;
                }
                try (s) {
                    connecting.acquire();
                    try {
                        s.connect(server, 10_000);
                    } finally {
                        connecting.release();
                        connected.countDown();
                    }
                    go.await();                                   // every connection is open now
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] sent = new byte[size];
                    for (int m = 0; m < messages; m++) {
                        fill(sent, conn, m);
                        long start = System.nanoTime();
                        out.write(sent);
                        byte[] echo = in.readNBytes(size);
                        mine[m] = System.nanoTime() - start;
                        if (!Arrays.equals(sent, echo)) {
                            throw new IOException("connection " + conn + " message " + m + ": echo differs");
                        }
                        bytes.addAndGet(size);
                    }
                    latencies.add(mine);
                } catch (IOException | InterruptedException e) {
                    if (failures.getAndIncrement() < 5) {
                        System.err.println("echo-client: " + e);
                    }
                }
            }));
        }
        connected.await();
        long t1 = System.nanoTime();
        System.out.printf("connected %d connections in %.0f ms%n", connections - failures.get(), (t1 - t0) / 1e6);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("echoed %d messages of %d bytes on %d connections, every byte checked: %d failed connections%n",
                all.length, size, latencies.size(), failures.get());
        System.out.printf("throughput: %.0f messages/s, %.2f MB/s each way%n", all.length / secs, bytes.get() / secs / 1e6);
        if (all.length > 0) {
            System.out.printf("latency (write to last byte back): p50 %s  p90 %s  p99 %s  max %s%n",
                    ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 1.0));
        }
        return failures.get() == 0 ? 0 : 1;
    }

    /** Message m of connection c: bytes no other message has in the same place. */
    static void fill(byte[] b, int c, int m) {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (c * 31 + m * 7 + i);
        }
    }

    static String ms(long[] sorted, double q) {
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        return String.format("%.3f ms", v / 1e6);
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
        System.err.println("echo-client: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: echo-client.java [--host ADDR] [--port N] [--trace] [MESSAGE...]
                       echo-client.java [--host ADDR] [--port N] --connections N [--messages M] [--size BYTES]

                Talks to a TCP echo server (echo-server.java). With MESSAGEs (else the lines of stdin) it
                sends each on one connection and prints the echo. With --connections it is a load test:
                it opens N connections and holds them all open, then sends M messages of BYTES bytes
                (default 10 of 64) on each, checks every echoed byte, and prints the throughput and the
                latency percentiles.

                  --host ADDR       server address (default 127.0.0.1)
                  --port N          server port (default 7007)
                  --trace           print each socket call (socket, connect, write, read, close) on stderr

                Exit status: 0 if every echo matched, 1 if not, 2 for a usage error.
                """);
    }

    /** IPv4 sockets for IPv4 addresses: Java's plain socket classes would make AF_INET6 ones (dual-stack, 127.0.0.1 as ::ffff:127.0.0.1). */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

}
