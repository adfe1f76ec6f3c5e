package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/five-tuple.java: the tuples it prints are those of the test's own sockets. */
class FiveTupleIT {
    @TempDir
    static Path cache;

    @Test
    void printsTheFiveTupleOfEachFlowOnTheSharedPort() throws Exception {
        try (Server server = Server.start(cache, "five-tuple.java", "--port", "0")) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            InetSocketAddress to = new InetSocketAddress(lo, server.port);
            String dst = "127.0.0.1:" + server.port;
            // a TCP connection and a UDP socket from one and the same source port, then a second TCP connection
            try (Socket tcp = new Socket(); DatagramSocket udp = new DatagramSocket(null); Socket tcp2 = new Socket()) {
                tcp.bind(new InetSocketAddress(lo, 0));
                int src = tcp.getLocalPort();
                udp.bind(new InetSocketAddress(lo, src));
                tcp.connect(to);
                String tcpFlow = "tcp 127.0.0.1:" + src + " -> " + dst;
                assertEquals(tcpFlow + "\n", new String(tcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

                byte[] hi = "hi".getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(hi, hi.length, to));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                udp.setSoTimeout(10_000);
                udp.receive(reply);
                String udpFlow = "udp 127.0.0.1:" + src + " -> " + dst;
                assertEquals(udpFlow + "\n", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));

                tcp2.connect(to);
                String tcp2Flow = "tcp 127.0.0.1:" + tcp2.getLocalPort() + " -> " + dst;
                assertEquals(tcp2Flow + "\n", new String(tcp2.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

                server.awaitOut("flow 3: ");
                assertTrue(server.out().endsWith("flow 1: " + tcpFlow + "\nflow 2: " + udpFlow + "\nflow 3: " + tcp2Flow + "\n"),
                        server.out());
            }
            assertEquals(143, server.stop());
        }
    }

    @Test
    void demoShowsFlowsThatDifferOnlyInProtocolOrSourcePort() {
        Jrun.Result r = Jrun.cmd(Server.example("five-tuple.java"), "--demo").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        Matcher m = Pattern.compile("flow (\\d): (tcp|udp) 127\\.0\\.0\\.1:(\\d+) -> 127\\.0\\.0\\.1:(\\d+)\n").matcher(r.out());
        String[][] flows = new String[3][];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.find(), r.out());
            flows[i] = new String[] {m.group(2), m.group(3), m.group(4)};
            assertTrue(r.out().contains("client hears: " + m.group(2) + " 127.0.0.1:" + m.group(3)), r.out());
        }
        assertEquals("tcp", flows[0][0], r.out());
        assertEquals("udp", flows[1][0], r.out());
        assertEquals(flows[0][1], flows[1][1], r.out());                  // same source port
        assertEquals("tcp", flows[2][0], r.out());
        assertTrue(!flows[2][1].equals(flows[0][1]), r.out());            // another source port
        assertEquals(flows[0][2], flows[1][2], r.out());                  // all to one destination port
        assertEquals(flows[0][2], flows[2][2], r.out());
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("five-tuple.java"), "--help").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: five-tuple.java"), r.out());
    }
}
