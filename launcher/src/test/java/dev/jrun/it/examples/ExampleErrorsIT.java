package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket examples' own errors: one line on stderr, no stack trace, 2 for usage and 1 for the rest. */
class ExampleErrorsIT {
    @TempDir
    Path dir;

    Jrun.Result run(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache")).run();
    }

    static void oneLine(Jrun.Result r, int status, String contains) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains(contains), r.toString());
        assertFalse(r.err().contains("Exception in thread"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo-server.java", "echo-client.java", "udp-echo-server.java", "udp-client.java",
        "dns-server.java", "five-tuple.java", "raw-socket-server.java", "reuseport.java", "bpf-filter.java"})
    void aBadPortIsAUsageError(String script) {
        oneLine(run(Server.example(script).toString(), "--port", "abc"), 2, "--port wants a whole number");
        oneLine(run(Server.example(script).toString(), "--port", "70000"), 2, "--port wants a port number from 0 to 65535");
    }

    @Test
    void aRefusedConnectionIsOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        oneLine(run(Server.example("echo-client.java").toString(), "--port", Integer.toString(closed), "hi"), 1,
                "echo-client: ConnectException");
    }

    @Test
    void bpfFilterCountsStayRightBeyondTheReceiveBuffer() {
        Jrun.Result r = run(Server.example("bpf-filter.java").toString(), "--count", "1200");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("sent 1200, delivered 600, filtered 600 (the kernel's drop count for the socket: 600)"),
                r.out().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void bpfFilterAcceptsOnlyOneByteToCompare() {
        oneLine(run(Server.example("bpf-filter.java").toString(), "--accept", ""), 2, "--accept wants one ASCII character");
        oneLine(run(Server.example("bpf-filter.java").toString(), "--accept", "\u00e9"), 2, "which is 2 bytes in UTF-8");
        oneLine(run(Server.example("bpf-filter.java").toString(), "--accept", "AB"), 2, "--accept wants one ASCII character");
    }

    @Test
    void dnsServerDefaultPortIsNotMdnsAndABusyOneIsOneLineNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            try {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8053));
            } catch (java.io.IOException e) {
                // someone else holds 8053 on this machine: the server must say so all the same
            }
            oneLine(run(Server.example("dns-server.java").toString()), 1, "127.0.0.1:8053");
        }
        assertTrue(run(Server.example("dns-server.java").toString(), "--help").out().contains("(default 8053;"));
    }

    /** What the kernel made: an IPv4 socket shows in /proc/net/tcp or udp, a dual-stack one in tcp6 or udp6. */
    @ParameterizedTest
    @ValueSource(strings = {"echo-server.java tcp", "udp-echo-server.java udp", "dns-server.java tcp", "dns-server.java udp"})
    void ipv4AddressesGetIpv4Sockets(String scriptAndProtocol) throws Exception {
        String[] sp = scriptAndProtocol.split(" ");
        try (Server server = Server.start(dir.resolve("cache"), sp[0], "--port", "0", "--trace")) {
            String local = String.format(":%04X ", server.port);
            String v4 = Files.readString(Path.of("/proc/net/" + sp[1]));
            String v6 = Files.readString(Path.of("/proc/net/" + sp[1] + "6"));
            assertTrue(v4.lines().anyMatch(l -> l.contains("0100007F" + local)), "/proc/net/" + sp[1] + ":\n" + v4);
            assertFalse(v6.lines().anyMatch(l -> l.contains(local)), "/proc/net/" + sp[1] + "6:\n" + v6);
            if (!sp[0].equals("dns-server.java")) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!server.err().contains("socket(AF_INET, SOCK_") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(server.err().contains("socket(AF_INET, SOCK_"), server.err());
            }
        }
    }


    @Test
    void udpClientSaysItWaitsInPollNotWithSoRcvtimeo() throws Exception {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Jrun.Result r = run(Server.example("udp-client.java").toString(), "--port", Integer.toString(closed),
                "--timeout", "200", "--trace", "lost");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("socket(AF_INET, SOCK_DGRAM)") && r.err().contains("poll() timed out after 200 ms"),
                r.toString());
        assertFalse(r.toString().contains("SO_RCVTIMEO"), r.toString());
        assertTrue(r.out().contains("1 sent, 0 answered, 1 lost"), r.out());
    }

}
