package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/udp-echo-server.java and udp-client.java, through the installed jrun. */
class UdpEchoIT {
    @TempDir
    static Path cache;

    @Test
    void serverEchoesEveryDatagramToSocatAndToATestClient() throws Exception {
        Tools.need("socat", "socat");
        try (Server server = Server.start(cache, "udp-echo-server.java", "--port", "0", "--trace")) {
            Jrun.Result r = EchoServerIT.socat("one datagram\n", "-t", "2", "-", "UDP:127.0.0.1:" + server.port);
            assertEquals("one datagram\n", r.out(), r.toString());
            Clients.udpEcho(server.host, server.port, 500, 300);
            assertEquals(143, server.stop());
            assertTrue(server.out().contains("stopped: 501 datagrams received, 0 dropped on purpose"), server.out());
            assertTrue(server.err().contains("[trace] recvfrom() = 13 bytes from"), server.err());
            assertTrue(server.err().contains("[trace] sendto("), server.err());
        }
    }

    @Test
    void clientShowsALostDatagramAsATimeout() throws Exception {
        try (Server server = Server.start(cache, "udp-echo-server.java", "--port", "0", "--drop-every", "3")) {
            Jrun.Result r = Jrun.cmd(Server.example("udp-client.java"), "--port", Integer.toString(server.port),
                    "--timeout", "500", "one", "two", "three", "four").cache(cache).run();
            assertEquals(1, r.status(), r.toString());
            assertEquals("echo: one\necho: two\ntimeout after 500 ms: \"three\" or its echo was lost\necho: four\n"
                    + "4 sent, 3 answered, 1 lost\n", r.out(), r.toString());
            server.stop();
            assertTrue(server.out().contains("stopped: 4 datagrams received, 1 dropped on purpose"), server.out());
        }
    }

    @Test
    void clientAgainstATestSideEchoServer() throws Exception {
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[2048];
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        echo.receive(p);
                        echo.send(p);
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            Jrun.Result r = Jrun.cmd(Server.example("udp-client.java"), "--port", Integer.toString(echo.getLocalPort()))
                    .stdin("alpha\nbeta\n").cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertEquals("echo: alpha\necho: beta\n2 sent, 2 answered, 0 lost\n", r.out());
        }
    }

    @Test
    void help() {
        for (String script : new String[] {"udp-echo-server.java", "udp-client.java"}) {
            Jrun.Result r = Jrun.cmd(Server.example(script), "--help").cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().startsWith("usage: " + script), r.out());
        }
    }
}
