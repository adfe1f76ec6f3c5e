#!/usr/bin/env jrun
//DESCRIPTION UDP echo server: socket, bind, then recvfrom and sendto each datagram back; can pretend the network lost some.

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/*
 * Where sockets live, datagram edition: a UDP socket is bound but never listens, accepts or
 * connects. There is no connection and so no per-client socket: one socket receives every
 * datagram, each with the sender's address attached (recvfrom), and the reply names its
 * destination (sendto). Nothing guarantees delivery; --drop-every N throws away every Nth datagram
 * to show what a lost one looks like to the client: silence.
 */
class UdpEchoServer {
    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("udp-echo-server: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 7007, dropEvery = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--drop-every" -> dropEvery = number(args, ++i);
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        DatagramSocket socket = DatagramChannel.open(family(address)).socket();  // socket(AF_INET, SOCK_DGRAM, 0)
        trace("socket(AF_" + family(address) + ", SOCK_DGRAM)");
        try {
            socket.bind(address);         // bind(): and that is all
        } catch (IOException e) {
            fail("cannot bind " + host + ":" + port + ": " + e.getMessage());
        }
        trace("bind(" + host + ":" + port + ") -> port " + socket.getLocalPort());
        System.out.println("listening on " + host + ":" + socket.getLocalPort());
        System.out.flush();

        long[] counts = new long[2];                                // received, dropped
        // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            socket.close();
            System.out.println("stopped: " + counts[0] + " datagrams received, " + counts[1] + " dropped on purpose");
        }));

        byte[] buf = new byte[65535];                               // the largest UDP payload
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (true) {
            packet.setLength(buf.length);
            try {
                socket.receive(packet);                             // recvfrom(): one whole datagram, and who sent it
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                throw e;
            }
            long n = ++counts[0];
            trace("recvfrom() = " + packet.getLength() + " bytes from " + packet.getSocketAddress());
            if (dropEvery > 0 && n % dropEvery == 0) {
                counts[1]++;
                trace("(datagram " + n + " dropped, as if the network had lost it)");
                continue;
            }
            socket.send(packet);                                    // sendto(): back to the address it came from
            trace("sendto(" + packet.getSocketAddress() + ", " + packet.getLength() + " bytes)");
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
        System.err.println("udp-echo-server: " + problem);
        System.exit(1);
    }

    static void usage(String problem) {
        System.err.println("udp-echo-server: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: udp-echo-server.java [--host ADDR] [--port N] [--drop-every N] [--trace]

                A UDP echo server: every datagram is sent back to its sender, unchanged.

                  --host ADDR       address to bind (default 127.0.0.1)
                  --port N          port (default 7007; 0 = any free port)
                  --drop-every N    do not answer every Nth datagram, as if the network had lost it
                  --trace           print each socket call (socket, bind, recvfrom, sendto) on stderr

                The first line on stdout is "listening on HOST:PORT". SIGINT/SIGTERM stop it (exit status
                130/143); it then prints how many datagrams it received and dropped.
                """);
    }

    /** IPv4 sockets for IPv4 addresses: Java's plain socket classes would make AF_INET6 ones (dual-stack, 127.0.0.1 as ::ffff:127.0.0.1). */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

}
