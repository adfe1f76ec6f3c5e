#!/usr/bin/env jrun
//DESCRIPTION One TCP and one UDP socket on the same port at once; prints the 5-tuple of every incoming flow.

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/*
 * Where sockets live: the kernel hands each arriving packet to a socket by its 5-tuple, (protocol,
 * source IP, source port, destination IP, destination port). The protocol comes first, so a TCP
 * socket and a UDP socket can both own port P: they are in different tables. Within TCP, every
 * accepted connection is a socket of its own, told apart by the source half of the tuple. This
 * server listens on TCP port P and UDP port P at once and prints each flow's tuple; --demo makes
 * flows itself, among them a TCP and a UDP flow whose four addresses and ports are all the same.
 */
class FiveTuple {
    static boolean trace;
    static int flows;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("five-tuple: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 9000;
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--demo" -> demo = true;
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (demo && port == 9000) {
            port = 0;
        }
        // TCP port P, then UDP port P: both succeed, because (tcp, P) and (udp, P) are different places.
        ServerSocket tcp = null;
        DatagramSocket udp = null;
        for (int attempt = 0; udp == null; attempt++) {
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            try {
                tcp.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                fail("cannot listen on TCP " + host + ":" + port + ": " + e.getMessage());
            }
            try {
                udp = new DatagramSocket(new InetSocketAddress(host, tcp.getLocalPort()));
            } catch (IOException e) {                              // UDP port taken: with --port 0, try another
                tcp.close();
                if (port != 0 || attempt == 20) {
                    fail("cannot bind UDP " + host + ":" + port + ": " + e.getMessage());
                }
            }
        }
        trace("socket(SOCK_STREAM) + bind(" + host + ":" + tcp.getLocalPort() + ") + listen()");
        trace("socket(SOCK_DGRAM) + bind(" + host + ":" + udp.getLocalPort() + ")");
        System.out.println("listening on " + host + ":" + tcp.getLocalPort());
        System.out.println("fields: protocol, source IP:port, destination IP:port");
        System.out.flush();
        ServerSocket tcpSocket = tcp;
        DatagramSocket udpSocket = udp;
        // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            udpSocket.close();
            try {
                tcpSocket.close();
            } catch (IOException ignored) {
            }
        }));
        Thread tcpThread = start(() -> serveTcp(tcpSocket));
        Thread udpThread = start(() -> serveUdp(udpSocket));
        if (demo) {
            demo(new InetSocketAddress(host, tcp.getLocalPort()));
            return;
        }
        tcpThread.join();
        udpThread.join();
    }

    static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void serveTcp(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {                      // a new socket for this one 5-tuple
                String flow = flow("tcp", s.getRemoteSocketAddress(), s.getLocalSocketAddress());
                trace("accept() -> " + flow);
                s.getOutputStream().write((flow + "\n").getBytes(StandardCharsets.UTF_8)); // tell the client
                trace("write(\"" + flow + "\")");
                trace("close()");
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("tcp: " + e.getMessage());
                }
            }
        }
    }

    static void serveUdp(DatagramSocket socket) {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);                                  // recvfrom(): the source comes with the data
                String flow = flow("udp", p.getSocketAddress(), socket.getLocalSocketAddress());
                trace("recvfrom() = " + p.getLength() + " bytes: " + flow);
                byte[] reply = (flow + "\n").getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));  // sendto()
                trace("sendto(\"" + flow + "\")");
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("udp: " + e.getMessage());
                }
            }
        }
    }

    /** Prints the flow as one line and returns it. */
    static synchronized String flow(String proto, SocketAddress src, SocketAddress dst) {
        String line = proto + " " + text(src) + " -> " + text(dst);
        System.out.println("flow " + ++flows + ": " + line);
        return line;
    }

    /** Three flows to our own port: TCP and UDP from one and the same source port, and TCP from another. */
    static void demo(InetSocketAddress server) throws Exception {
        try (Socket first = new Socket(); DatagramSocket udp = new DatagramSocket(null); Socket second = new Socket()) {
            first.bind(new InetSocketAddress(server.getAddress(), 0));
            int shared = first.getLocalPort();
            udp.bind(new InetSocketAddress(server.getAddress(), shared)); // the same source port, for UDP
            first.connect(server);
            System.out.print("  tcp client hears: " + readAll(first.getInputStream()));
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(hello, hello.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            udp.setSoTimeout(2000);
            udp.receive(reply);
            System.out.print("  udp client hears: " + new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            second.connect(server);
            System.out.print("  tcp client hears: " + readAll(second.getInputStream()));
        }
        System.out.println("flows 1 and 2 differ only in the protocol; flows 1 and 3 only in the source port.");
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static String text(SocketAddress a) {
        InetSocketAddress i = (InetSocketAddress) a;
        return i.getAddress().getHostAddress() + ":" + i.getPort();
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
        System.err.println("five-tuple: " + problem);
        System.exit(1);
    }

    static void usage(String problem) {
        System.err.println("five-tuple: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: five-tuple.java [--host ADDR] [--port N] [--demo] [--trace]

                Listens on TCP port N and UDP port N at once and prints the 5-tuple of each incoming flow
                (protocol, source IP:port, destination IP:port), one line each, and sends that line back to
                the client. Each TCP connection is one flow; for UDP, each datagram is printed.

                  --host ADDR    address to listen on (default 127.0.0.1; the destination IP of a UDP
                                 datagram is known only when the socket is bound to one address)
                  --port N       port for both (default 9000; 0 = a port free for both)
                  --demo         make three flows itself, print them, and exit
                  --trace        print each socket call (bind, listen, accept, write, recvfrom, sendto) on stderr

                Try:  echo hi | socat - UDP:127.0.0.1:9000     and     socat - TCP:127.0.0.1:9000
                The first line on stdout is "listening on HOST:PORT". SIGINT/SIGTERM stop it (exit status 130/143).
                """);
    }
}
