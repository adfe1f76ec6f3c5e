package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/raw-socket-server.java: the echo server on libc's calls, served to socat and to many connections. */
class RawSocketServerIT {
    @TempDir
    static Path cache;

    @Test
    void echoesToSocatAndTracesTheLibcCalls() throws Exception {
        Tools.need("socat", "socat");
        try (Server server = Server.start(cache, "raw-socket-server.java", "--port", "0", "--trace")) {
            Jrun.Result r = EchoServerIT.socat("raw hello\n", "-", "TCP:127.0.0.1:" + server.port);
            assertEquals("raw hello\n", r.out(), r.toString());
            assertEquals(143, server.stop());
            String err = server.err();
            assertTrue(err.matches("(?s)\\[trace\\] socket\\(2, 1, 0\\) = (\\d+)\n.*"), err);
            String fd = err.replaceFirst("(?s)\\[trace\\] socket\\(2, 1, 0\\) = (\\d+)\n.*", "$1");
            assertTrue(err.contains("[trace] bind(" + fd + ", {127.0.0.1:0}, 16) = 0\n"), err);
            assertTrue(err.contains("[trace] listen(" + fd + ", 1024) = 0\n"), err);
            assertTrue(err.contains("[trace] getsockname(" + fd + ", {127.0.0.1:" + server.port + "}, [16]) = 0\n"), err);
            assertTrue(err.matches("(?s).*\\[trace\\] accept\\(" + fd + ", \\{127\\.0\\.0\\.1:\\d+\\}, \\[16\\]\\) = \\d+\n.*"), err);
            assertTrue(err.matches("(?s).*\\[trace\\] read\\(\\d+, buf, 4096\\) = 10\n.*"), err);
            assertTrue(err.matches("(?s).*\\[trace\\] write\\(\\d+, buf, 10\\) = 10\n.*"), err);
            assertTrue(err.matches("(?s).*\\[trace\\] close\\(\\d+\\) = 0\n.*"), err);
            assertTrue(server.out().contains("stopped: 1 connections served"), server.out());
        }
    }

    @Test
    void servesManyConnectionsAtOnceEveryByteChecked() throws Exception {
        try (Server server = Server.start(cache, "raw-socket-server.java", "--port", "0")) {
            Clients.tcpEcho(server.host, server.port, 300, 5000);
            assertEquals(143, server.stop());
            assertTrue(server.out().contains("stopped: 300 connections served"), server.out());
        }
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("raw-socket-server.java"), "--help").cache(cache).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: raw-socket-server.java"), r.out());
    }
}
