#!/usr/bin/env jrun
//DESCRIPTION TCP echo server: socket, bind, listen, accept, then read/write until the client closes; a virtual thread per connection.
//JAVA 21+

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Where sockets live: a TCP server is a *listening* socket (socket + bind + listen) that the kernel
 * fills with finished handshakes; accept() takes one off that queue and hands back a *new* socket,
 * one per connection, identified by its 4-tuple. Here every connection gets a virtual thread that
 * blocks in read() and write() like the simplest textbook server, yet 10,000 of them cost little:
 * the JDK parks the virtual thread and waits in epoll instead of holding an OS thread.
 */
class EchoServer {
    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("echo-server: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 7007, backlog = 4096;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--backlog" -> backlog = number(args, ++i);
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        warnIfFewFiles();

        InetSocketAddress address = new InetSocketAddress(host, port);
        ServerSocket server = ServerSocketChannel.open(family(address)).socket();  // socket(AF_INET, SOCK_STREAM, 0)
        trace("socket(AF_" + family(address) + ", SOCK_STREAM) -> listening socket");
        server.setReuseAddress(true);                              // restart without waiting for TIME_WAIT
        try {
            server.bind(address, backlog);  // bind() + listen()
        } catch (IOException e) {
            fail("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        trace("bind(" + host + ":" + port + ") -> port " + server.getLocalPort());
        trace("listen(backlog " + backlog + ")");
        System.out.println("listening on " + host + ":" + server.getLocalPort());
        System.out.flush();

        AtomicInteger open = new AtomicInteger(), peak = new AtomicInteger(), total = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
            }
            System.out.println("stopped: " + total.get() + " connections (at most " + peak.get()
                    + " at once), " + bytes.get() + " bytes echoed");
        }));

        String lastError = null;
        while (true) {
            Socket s;
            try {
                s = server.accept();                               // accept(): blocks for the next handshake
                lastError = null;
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                if (!String.valueOf(e.getMessage()).equals(lastError)) {   // say it once, not per retry
                    System.err.println("accept: " + e.getMessage());      // e.g. EMFILE: out of file descriptors
                    lastError = String.valueOf(e.getMessage());
                }
                try {
                    Thread.sleep(10);             // the handshake stays queued: wait for a descriptor to free
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            int id = total.incrementAndGet();
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            trace("accept() -> conn " + id + " " + s.getRemoteSocketAddress() + " -> " + s.getLocalSocketAddress());
            Thread.ofVirtual().start(() -> {
                try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {                 // read(): returns what has arrived, 0 bytes = EOF
                        trace("read(conn " + id + ") = " + n + " bytes");
                        out.write(buf, 0, n);                        // write(): the same bytes back
                        trace("write(conn " + id + ", " + n + " bytes)");
                        bytes.addAndGet(n);
                    }
                } catch (IOException e) {
                    trace("conn " + id + ": " + e.getMessage());
                } finally {
                    open.decrementAndGet();
                    trace("close(conn " + id + ")");
                }
            });
        }
    }

    /** The JVM raises its soft open-files limit to the hard limit by itself; say if that is still low. */
    static void warnIfFewFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.split("\\s+")[3];
                    trace("open files limit: " + soft + " (each connection is one file descriptor)");
                    if (!soft.equals("unlimited") && Long.parseLong(soft) < 10_100) {
                        System.err.println("note: at most " + soft + " open files; for 10,000 connections run"
                                + " `ulimit -n 20000` (or higher) first");
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: nothing to say
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

    static void fail(String problem) {
        System.err.println("echo-server: " + problem);
        System.exit(1);
    }

    static void usage(String problem) {
        System.err.println("echo-server: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: echo-server.java [--host ADDR] [--port N] [--backlog N] [--trace]

                A TCP echo server: every byte a client sends comes back to it. Each connection is served
                by a virtual thread that blocks in read() and write(); thousands at once are fine.

                  --host ADDR    address to listen on (default 127.0.0.1)
                  --port N       port (default 7007; 0 = any free port)
                  --backlog N    length of the kernel's accept queue (default 4096)
                  --trace        print each socket call (socket, bind, listen, accept, read, write, close) on stderr

                The first line on stdout is "listening on HOST:PORT". SIGINT/SIGTERM stop it (exit status
                130/143); it then prints how many connections and bytes it served. Each connection is a file
                descriptor: for 10,000 at once, the open-files limit must allow it (ulimit -n).
                """);
    }

    /** IPv4 sockets for IPv4 addresses: Java's plain socket classes would make AF_INET6 ones (dual-stack, 127.0.0.1 as ::ffff:127.0.0.1). */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

}
