package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/dns-server.java, through the installed jrun, asked by the real dig. */
class DnsServerIT {
    @TempDir
    static Path dir;
    static Server server;
    static final StringBuilder BIG = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        Tools.need("dig", "dnsutils");
        List<String> zone = new ArrayList<>(List.of(
                "; a test zone",
                "www.jrun.test.    A     192.0.2.7   ; a comment",
                "www.jrun.test.    AAAA  2001:db8::7",
                "WWW.JRUN.TEST.    A     192.0.2.8",
                "txt.jrun.test.    TXT   \"v=spf1 -all\" \"second \\\"quoted\\\" string\"",
                "only-a.jrun.test. A     10.0.0.1"));
        for (int i = 0; i < 8; i++) {                              // 8 x 100 bytes: more than 512 in all
            String s = String.format("%02d", i) + "x".repeat(98);
            zone.add("big.jrun.test. TXT \"" + s + "\"");
            BIG.append('"').append(s).append("\"\n");
        }
        Files.write(dir.resolve("test.zone"), zone);
        server = Server.start(dir.resolve("cache"), "dns-server.java", "--port", "0", "--zone",
                dir.resolve("test.zone").toString(), "--ttl", "60");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            assertEquals(143, server.stop());
            server.close();
        }
    }

    @Test
    void answersAOverUdp() throws Exception {
        String out = dig("www.jrun.test", "A");
        assertTrue(out.contains("status: NOERROR"), out);
        assertTrue(out.contains("flags: qr aa rd;"), out);
        assertTrue(out.matches("(?s).*\nwww\\.jrun\\.test\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.7\n.*"), out);
        assertTrue(out.matches("(?s).*\nwww\\.jrun\\.test\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.8\n.*"), out); // any case
        assertTrue(out.contains("(UDP)"), out);
        assertEquals("192.0.2.7\n192.0.2.8\n", dig("WwW.jRuN.tEsT", "A", "+short"));
    }

    @Test
    void answersAaaaAndTxtOverUdpAndTcp() throws Exception {
        for (String transport : new String[] {"+notcp", "+tcp"}) {
            assertEquals("2001:db8::7\n", dig("www.jrun.test", "AAAA", "+short", transport));
            assertEquals("\"v=spf1 -all\" \"second \\\"quoted\\\" string\"\n", dig("txt.jrun.test", "TXT", "+short", transport));
        }
        String out = dig("www.jrun.test", "AAAA", "+tcp");
        assertTrue(out.contains("(TCP)"), out);
        server.awaitOut("tcp 127.0.0.1:");
        assertTrue(server.out().contains(" AAAA www.jrun.test. -> NOERROR, 1 answer"), server.out());
    }

    @Test
    void nxdomainForUnknownNamesAndNoDataForMissingTypes() throws Exception {
        String out = dig("nope.jrun.test", "A");
        assertTrue(out.contains("status: NXDOMAIN"), out);
        assertTrue(out.contains("ANSWER: 0"), out);
        out = dig("only-a.jrun.test", "AAAA", "+tcp");
        assertTrue(out.contains("status: NOERROR"), out);
        assertTrue(out.contains("ANSWER: 0"), out);
    }

    @Test
    void bigAnswerIsTruncatedOverUdpAndWholeOverTcp() throws Exception {
        // without retrying: the UDP answer itself, TC set and no records
        String udp = dig("big.jrun.test", "TXT", "+ignore");
        assertTrue(udp.contains("flags: qr aa tc rd;"), udp);
        assertTrue(udp.contains("ANSWER: 0"), udp);
        assertTrue(udp.contains("(UDP)"), udp);
        // dig's default: it sees TC and asks again over TCP, where the whole answer comes
        String out = dig("big.jrun.test", "TXT");
        assertTrue(out.contains(";; Truncated, retrying in TCP mode."), out);
        assertTrue(out.contains("ANSWER: 8"), out);
        assertTrue(out.contains("(TCP)"), out);
        assertEquals(BIG.toString(), dig("big.jrun.test", "TXT", "+short").lines().sorted()
                .reduce("", (a, b) -> a + b + "\n"));
        server.awaitOut(" TXT big.jrun.test. -> NOERROR, 8 answers, ");
        String log = server.out();
        assertTrue(log.matches("(?s).*udp 127\\.0\\.0\\.1:\\d+ TXT big\\.jrun\\.test\\. -> NOERROR, 8 answers, \\d+ bytes,"
                + " truncated to \\d+ \\(TC\\)\n.*"), log);
        assertTrue(log.matches("(?s).*tcp 127\\.0\\.0\\.1:\\d+ TXT big\\.jrun\\.test\\. -> NOERROR, 8 answers, \\d+ bytes\n.*"), log);
    }

    @Test
    void rejectsABadZoneFileWithItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.zone"), "ok.test A 1.2.3.4\nmail.test. MX 10 mx.test.\n");
        Jrun.Result r = Jrun.cmd(Server.example("dns-server.java"), "--zone", dir.resolve("bad.zone").toString())
                .cache(dir.resolve("cache")).run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("bad.zone:2: type MX is not served (A, AAAA, TXT)"), r.err());
    }

    @Test
    void help() {
        Jrun.Result r = Jrun.cmd(Server.example("dns-server.java"), "--help").cache(dir.resolve("cache")).run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("usage: dns-server.java"), r.out());
    }

    static String dig(String name, String type, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(server.port), name, type,
                "+time=5", "+tries=1"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
