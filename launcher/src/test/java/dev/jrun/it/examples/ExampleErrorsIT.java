package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.net.ServerSocket;
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
}
