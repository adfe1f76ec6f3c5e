package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/bpf-filter.java: the kernel drops what the BPF program rejects, and counts it. */
class BpfFilterIT {
    @TempDir
    static Path cache;

    @Test
    void demoCountsSentDeliveredAndFiltered() {
        Jrun.Result r = Jrun.cmd(Server.example("bpf-filter.java"), "--count", "9", "--accept", "Z", "--trace")
                .cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("  delivered: Z datagram 0\n  delivered: Z datagram 2\n  delivered: Z datagram 4\n"
                + "  delivered: Z datagram 6\n  delivered: Z datagram 8\n"
                + "sent 9, delivered 5, filtered 4 (the kernel's drop count for the socket: 4)\n"), r.out());
        assertTrue(r.err().contains("SO_ATTACH_FILTER, {4 instructions}, 16) = 0"), r.err());
    }

    @Test
    void listeningSocketDropsWhatTheFilterRejects() throws Exception {
        try (Server server = Server.start(cache, "bpf-filter.java", "--listen", "--port", "0", "--accept", "A");
                DatagramSocket sender = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(server.host, server.port);
            String[] words = {"Apple", "Banana", "Avocado", "apricot", "Almond", "cherry"};
            for (String w : words) {
                byte[] b = w.getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(b, b.length, to));
            }
            server.awaitOut("delivered: Almond\n");
            assertEquals(130, stopWithSigint(server));
            String out = server.out();
            assertTrue(out.contains("delivered: Apple\ndelivered: Avocado\ndelivered: Almond\n"), out);
            assertTrue(out.contains("stopped: 3 delivered, 3 filtered (the kernel's drop count for this socket)"), out);
        }
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("bpf-filter.java"), "--help").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: bpf-filter.java"), r.out());
    }

    /** SIGINT, as Ctrl-C would send, then the exit status. */
    static int stopWithSigint(Server server) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(server.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        return server.stop();
    }
}
