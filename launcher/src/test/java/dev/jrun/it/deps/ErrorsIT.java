package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Every way //DEPS can fail: one line, the script's line, status 6 (3 for a malformed line), no stack trace. */
class ErrorsIT extends ServedRepository {
    static final String MAIN = "public class s { public static void main(String[] a) { System.out.println(\"ran\"); } }\n";

    static void oneLine(Jrun.Result r, int status) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: "), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownArtifactNamesItsLineAndTheRepositoriesTried() throws IOException {
        script(dir, "s.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:words:1.0\n"
                + "//DEPS com.example:no-such-thing:9.9\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 6);
        assertTrue(r.err().startsWith("jrun: error: s.java:3: //DEPS com.example:no-such-thing:9.9: not found in test ("
                + server.url() + ")"), r.err());
    }

    @Test
    void aMissingPomIsAnError() throws IOException {
        script(dir, "s.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:nopom:1.0\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 6);
        assertTrue(r.err().contains("s.java:2: //DEPS com.example:nopom:1.0: not found in test"), r.err());
    }

    @Test
    void aMalformedCoordinateShowsTheExpectedForm() throws IOException {
        script(dir, "s.java", "//DEPS info.picocli:picocli:4.7.7\n//DEPS com.example:a:b:c:d:e\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 3);
        assertTrue(r.err().contains("s.java:2: //DEPS: 'com.example:a:b:c:d:e' is not a dependency"), r.err());
        assertTrue(r.err().contains("group:artifact:version[:classifier][@type]"), r.err());
    }

    @Test
    void anUndefinedPropertyIsAnError() throws IOException {
        script(dir, "s.java", "//DEPS com.example:words:${env.JRUN_IT_UNSET_VAR}\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").env("JRUN_IT_UNSET_VAR", null).run();
        oneLine(r, 3);
        assertTrue(r.err().contains("s.java:1: //DEPS: ${env.JRUN_IT_UNSET_VAR} is not defined"), r.err());
    }

    @Test
    void aChecksumMismatchFailsAndKeepsNothing() throws IOException {
        script(dir, "s.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:corrupt:1.0\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 6);
        assertTrue(r.err().contains("s.java:2: //DEPS com.example:corrupt:1.0: checksum mismatch from test"), r.err());
        assertFalse(Files.exists(dir.resolve("m2/com/example/corrupt/1.0/corrupt-1.0.jar")), "the bad jar is not kept");
    }

    @Test
    void anUnreachableRepositorySaysSoButACachedScriptDoesNotCare() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        script(dir, "s.java", "//REPOS dead=http://127.0.0.1:" + port + "/\n//DEPS com.example:words:1.0\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 6);
        assertTrue(r.err().contains("s.java:2: //DEPS com.example:words:1.0: cannot reach repository dead (http://127.0.0.1:"
                + port + "/)"), r.err());

        // resolved once from a live server with the same id and URL, the script runs with the server gone
        try (RepoServer again = new RepoServer(repoDir)) {
            script(dir, "t.java", "//REPOS test=" + again.url() + "\n//DEPS com.example:greet:1.0\n"
                    + MAIN.replace("class s", "class t"));
            assertEquals(0, jrun(dir, "t.java").run().status());
            again.close();
            Jrun.Result cached = jrun(dir, "t.java").run();
            assertEquals("ran\n", cached.out(), cached.toString());
            // a changed script rebuilds; everything is in the local repository, so the network is not needed
            script(dir, "t.java", "//REPOS test=" + again.url() + "\n//DEPS com.example:greet:1.0\n"
                    + MAIN.replace("class s", "class t").replace("ran", "ran again"));
            Jrun.Result rebuilt = jrun(dir, "t.java").run();
            assertEquals("ran again\n", rebuilt.out(), rebuilt.toString());
        }
    }

    @Test
    void plainHttpToAnotherHostIsRefusedUnlessAllowed() throws IOException {
        script(dir, "s.java", "//REPOS corp=http://repo.invalid/maven\n//DEPS com.example:words:1.0\n" + MAIN);
        Jrun.Result r = jrun(dir, "s.java").run();
        oneLine(r, 6);
        assertTrue(r.err().contains("s.java:1: //REPOS: repository corp (http://repo.invalid/maven/) uses plain http://"),
                r.err());
        assertTrue(r.err().contains("JRUN_ALLOW_HTTP=1"), r.err());
        Jrun.Result allowed = jrun(dir, "s.java").env("JRUN_ALLOW_HTTP", "1").run();
        oneLine(allowed, 6);
        assertTrue(allowed.err().contains("cannot reach repository corp"), "allowed, it is tried: " + allowed.err());
    }
}
