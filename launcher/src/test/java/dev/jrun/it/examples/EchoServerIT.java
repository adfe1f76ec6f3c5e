package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/echo-server.java and echo-client.java, through the installed jrun. */
class EchoServerIT {
    @TempDir
    static Path cache;

    @BeforeAll
    static void tools() {
        Tools.need("socat", "socat");
    }

    @Test
    void holdsTenThousandConnectionsAndEchoesEveryByte() throws Exception {
        Clients.needFiles(10_300);
        try (Server server = Server.startWithFiles(65536, cache, "echo-server.java", "--port", "0")) {
            Clients.tcpEcho(server.host, server.port, 10_000, 100);
            assertEquals(143, server.stop(), server.err());
            String out = server.out();
            Matcher m = Pattern.compile("stopped: (\\d+) connections \\(at most (\\d+) at once\\), (\\d+) bytes echoed")
                    .matcher(out);
            assertTrue(m.find(), out);
            assertEquals(10_000, Integer.parseInt(m.group(1)), out);
            assertEquals(10_000, Integer.parseInt(m.group(2)), out);
            assertEquals(1_000_000, Long.parseLong(m.group(3)), out);
        }
    }

    @Test
    void socatTalksToTheServerAndTheTraceShowsTheCalls() throws Exception {
        try (Server server = Server.start(cache, "echo-server.java", "--port", "0", "--trace")) {
            Jrun.Result r = socat("hello, socket\n", "-", "TCP:127.0.0.1:" + server.port);
            assertEquals("hello, socket\n", r.out(), r.toString());
            server.stop();
            String err = server.err();
            for (String call : new String[] {"socket(", "bind(", "listen(", "accept()", "read(", "write(", "close("}) {
                assertTrue(err.contains("[trace] " + call), call + " not traced:\n" + err);
            }
            assertTrue(server.out().startsWith("listening on 127.0.0.1:" + server.port + "\n"), server.out());
        }
    }

    @Test
    void clientLoadModeAgainstTheServer() throws Exception {
        try (Server server = Server.start(cache, "echo-server.java", "--port", "0")) {
            Jrun.Result r = Jrun.cmd(Server.example("echo-client.java"), "--port", Integer.toString(server.port),
                    "--connections", "300", "--messages", "5", "--size", "200").cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("connected 300 connections"), r.out());
            assertTrue(r.out().contains("echoed 1500 messages of 200 bytes on 300 connections, every byte checked: "
                    + "0 failed connections"), r.out());
            assertTrue(r.out().matches("(?s).*throughput: \\d+ messages/s.*latency .*p50 [\\d.]+ ms  p90 [\\d.]+ ms"
                    + "  p99 [\\d.]+ ms  max [\\d.]+ ms.*"), r.out());
            server.stop();
            assertTrue(server.out().contains("stopped: 300 connections"), server.out());
        }
    }

    @Test
    void clientAgainstSocatAsTheEchoServer() throws Exception {
        int port = Clients.freePort();
        Process socat = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "PIPE")
                .redirectErrorStream(true).start();
        try {
            Jrun.Result r = null;
            for (int i = 0; i < 50; i++) {                         // until socat listens
                r = Jrun.cmd(Server.example("echo-client.java"), "--port", Integer.toString(port), "one", "two")
                        .cache(cache).run();
                if (r.status() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("one\ntwo\n", r.out(), r.toString());
            r = Jrun.cmd(Server.example("echo-client.java"), "--port", Integer.toString(port), "--connections", "20",
                    "--messages", "3").cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("every byte checked: 0 failed connections"), r.out());
        } finally {
            socat.descendants().forEach(ProcessHandle::destroyForcibly);
            socat.destroyForcibly();
            socat.waitFor();
        }
    }

    @Test
    void clientNoticesAWrongEcho() throws Exception {
        int port = Clients.freePort();
        // an "echo" server that answers with as many bytes, but a becomes b, b becomes c...
        Process socat = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:stdbuf -o0 tr a-y b-z").redirectErrorStream(true).start();
        try {
            Jrun.Result r = null;
            for (int i = 0; i < 50; i++) {
                r = Jrun.cmd(Server.example("echo-client.java"), "--port", Integer.toString(port), "--connections", "3",
                        "--messages", "2", "--size", "1000").cache(cache).run();
                if (!r.err().contains("Connection refused")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(1, r.status(), r.toString());
            assertTrue(r.out().contains("3 failed connections"), r.toString());
        } finally {
            socat.descendants().forEach(ProcessHandle::destroyForcibly);
            socat.destroyForcibly();
            socat.waitFor();
        }
    }

    @Test
    void help() {
        for (String script : new String[] {"echo-server.java", "echo-client.java"}) {
            Jrun.Result r = Jrun.cmd(Server.example(script), "--help").cache(cache).run();
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().startsWith("usage: " + script), r.out());
        }
    }

    static Jrun.Result socat(String input, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(concat("socat", args));
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        return new Jrun.Result(p.exitValue(), out, err);
    }

    static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
