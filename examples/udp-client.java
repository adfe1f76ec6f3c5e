#!/usr/bin/env jrun
//DESCRIPTION UDP client: sendto each message, recvfrom the reply with a timeout, so a lost datagram shows as a timeout.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * Where sockets live, datagram edition, client side: no connect, no handshake. Each sendto() is
 * one datagram to one address; the reply may never come, because UDP does not retransmit. So the
 * receive has a timeout (the JDK polls the socket with it; no SO_RCVTIMEO): a lost datagram (or a lost reply) ends as a timeout, not
 * as a client that hangs for ever. Retrying is the application's business, as it is for DNS.
 */
class UdpClient {
    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("udp-client: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 7007, timeout = 1000;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--timeout" -> timeout = number(args, ++i);
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
        int sent = 0, answered = 0;
        try (DatagramSocket socket = DatagramChannel.open(family(server)).socket()) {   // socket()
            socket.bind(null);                                      // bind() to a free port
            trace("socket(AF_" + family(server) + ", SOCK_DGRAM), bound to " + socket.getLocalSocketAddress());
            // Not SO_RCVTIMEO: the JDK waits for the socket with poll(), whose timeout is this one.
            socket.setSoTimeout(timeout);
            BufferedReader stdin = words.isEmpty() ? new BufferedReader(new InputStreamReader(System.in)) : null;
            byte[] buf = new byte[65535];
            for (int i = 0; ; i++) {
                String line = stdin != null ? stdin.readLine() : i < words.size() ? words.get(i) : null;
                if (line == null) {
                    break;
                }
                byte[] data = line.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, server));   // sendto()
                sent++;
                trace("sendto(" + server + ", " + data.length + " bytes)");
                long deadline = System.nanoTime() + timeout * 1_000_000L;
                String result = null;
                while (result == null) {
                    DatagramPacket reply = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(reply);                      // poll(--timeout ms), then recvfrom()
                    } catch (SocketTimeoutException e) {
                        trace("poll() timed out after " + timeout + " ms: nothing to recvfrom()");
                        result = "timeout after " + timeout + " ms: \"" + line + "\" or its echo was lost";
                        break;
                    }
                    trace("recvfrom() = " + reply.getLength() + " bytes from " + reply.getSocketAddress());
                    byte[] got = Arrays.copyOf(reply.getData(), reply.getLength());
                    if (reply.getSocketAddress().equals(server) && Arrays.equals(got, data)) {
                        result = "echo: " + line;
                        answered++;
                    } else {                                        // a late echo of an earlier datagram
                        long left = (deadline - System.nanoTime()) / 1_000_000L;
                        if (left <= 0) {
                            result = "timeout after " + timeout + " ms: \"" + line + "\" or its echo was lost";
                        } else {
                            socket.setSoTimeout((int) left);
                        }
                    }
                }
                socket.setSoTimeout(timeout);
                System.out.println(result);
            }
        }
        System.out.println(sent + " sent, " + answered + " answered, " + (sent - answered) + " lost");
        System.exit(sent == answered ? 0 : 1);
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
        System.err.println("udp-client: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: udp-client.java [--host ADDR] [--port N] [--timeout MS] [--trace] [MESSAGE...]

                Sends each MESSAGE (else each line of stdin) as one datagram to a UDP echo server
                (udp-echo-server.java) and waits for the echo, at most MS milliseconds (default 1000).
                A datagram that gets no answer in time is reported lost: UDP itself never tells.

                  --host ADDR    server address (default 127.0.0.1)
                  --port N       server port (default 7007)
                  --trace        print each socket call (socket, sendto, recvfrom) on stderr

                Exit status: 0 if every datagram was echoed, 1 if any was lost, 2 for a usage error.
                """);
    }

    /** IPv4 sockets for IPv4 addresses: Java's plain socket classes would make AF_INET6 ones (dual-stack, 127.0.0.1 as ::ffff:127.0.0.1). */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

}
