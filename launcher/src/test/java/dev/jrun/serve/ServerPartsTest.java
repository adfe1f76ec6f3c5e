package dev.jrun.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile server's pure parts: its idle setting, the request's fields, a request it must refuse. */
class ServerPartsTest {

    @Test
    void idleTakesSecondsOrAUnitAndFallsBackToTenMinutes() {
        assertEquals(Duration.ofSeconds(30), ServerMain.idle("30"));
        assertEquals(Duration.ofSeconds(30), ServerMain.idle("30s"));
        assertEquals(Duration.ofMinutes(5), ServerMain.idle("5m"));
        assertEquals(Duration.ofHours(2), ServerMain.idle(" 2H "));
        for (String bad : new String[] {null, "", "0", "-3", "soon", "5d", "m"}) {
            assertEquals(ServerMain.DEFAULT_IDLE, ServerMain.idle(bad), String.valueOf(bad));
        }
    }

    @Test
    void fieldsEndWithNulAndKeepEmptyOnesAndNewlines() {
        byte[] bytes = "a\0\0two\nlines\0ü\0tail-without-nul".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("a", "", "two\nlines", "ü"), Request.split(bytes));
    }

    @Test
    void aRequestOfAnotherFormatOrWithoutItsFileIsRefused(@TempDir Path dir) throws Exception {
        ServerDir server = new ServerDir(dir);
        long me = ProcessHandle.current().pid();
        int uid = Request.owner(Path.of("/proc/self/"));
        Request.Refused none = assertThrows(Request.Refused.class, () -> Request.read(server, me, uid));
        assertEquals(server.request(me) + " is not a request file of this user's", none.getMessage());
        Files.write(server.request(me), "jrun-build-0\0b\0".getBytes(StandardCharsets.UTF_8));
        assertThrows(Request.Refused.class, () -> Request.read(server, me, uid));
        Request.Refused other = assertThrows(Request.Refused.class, () -> Request.read(server, me, uid + 1));
        assertEquals("process " + me + " is not this user's", other.getMessage());
    }

    @Test
    void aRequestCarriesTheBuildTheArgumentsAndTheProcessDirectory(@TempDir Path dir) throws Exception {
        ServerDir server = new ServerDir(dir);
        long me = ProcessHandle.current().pid();
        Files.write(server.request(me), "jrun-build-1\0abc\0e\0s.java\0\0".getBytes(StandardCharsets.UTF_8));
        Request r = Request.read(server, me, Request.owner(Path.of("/proc/self/")));
        assertEquals("abc", r.build());
        assertEquals(List.of("e", "s.java", ""), List.of(r.args()));
        assertEquals(Path.of("").toAbsolutePath(), r.env().dir());
        assertEquals(System.getenv("PATH"), r.env().vars().get("PATH"));
    }
}
