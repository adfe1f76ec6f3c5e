package dev.jrun.it.secure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** jrun outdated and jrun update against a served repository with four versions of com.example:lib. */
class OutdatedIT extends SecureRepository {
    static final String DEPS = "//DEPS com.example:lib:1.0.0   // the library\n//DEPS com.example:tool:1.0\n";

    @Test
    void theTableNamesTheNewestPatchMinorAndMajor() throws IOException {
        app(DEPS, "lib.Lib.version()");
        Jrun.Result r = jrun("outdated", "app.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("""
                WHERE       DEPENDENCY        CURRENT  PATCH  MINOR  MAJOR  ADVISORIES
                app.java:2  com.example:lib   1.0.0    1.0.1  1.1.0  2.0.0  -
                app.java:3  com.example:tool  1.0      -      -      -      -
                """, r.out());

        Jrun.Result json = jrun("outdated", "--json", "app.java").run();
        assertTrue(json.out().contains("\"dependency\": \"com.example:lib\""), json.out());
        assertTrue(json.out().contains("\"minor\": \"1.1.0\""), json.out());
        assertTrue(json.out().contains("\"line\": 2"), json.out());

        // offline: what the local repository learnt from the online run
        Jrun.Result offline = jrun("outdated", "--offline", "app.java").run();
        assertEquals(r.out(), offline.out(), offline.toString());
    }

    @Test
    void advisoriesMarkAffectedVersionsAndNameTheNearestFixedOne() throws IOException {
        app(DEPS, "lib.Lib.version()");
        Path osv = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(osv.resolve("GHSA-jrun-0001.json"), """
                {"id": "GHSA-jrun-0001", "summary": "lib before 1.1.0 trusts its input",
                 "affected": [{"package": {"ecosystem": "Maven", "name": "com.example:lib"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.0"}]}]}]}
                """);
        Jrun.Result r = jrun("outdated", "--advisories", osv.toString(), "app.java").run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("com.example:lib   1.0.0!   1.0.1!  1.1.0  2.0.0  GHSA-jrun-0001 (fixed in 1.1.0)"),
                r.out());
    }

    @Test
    void updateRewritesTheDepsLinesOnlyAndTheScriptRunsWithTheNewVersion() throws IOException {
        Path app = app(DEPS, "lib.Lib.version()");
        String before = Files.readString(app);
        Jrun.Result r = jrun("update", "app.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals(before.replace("lib:1.0.0   //", "lib:1.1.0   //"), Files.readString(app));
        assertEquals("--- app.java\n+++ app.java\n@@ -2 +2 @@\n-//DEPS com.example:lib:1.0.0   // the library\n"
                + "+//DEPS com.example:lib:1.1.0   // the library\n", r.out());
        assertEquals("lib-1.1.0\n", jrun("app.java").run().out());
    }

    @Test
    void anUpdateThatDoesNotCompileLeavesTheScriptAndItsLockAsTheyWere() throws IOException {
        Path app = app(DEPS, "lib.Lib.version()");
        assertEquals(0, jrun("lock", "app.java").run().status());
        byte[] script = Files.readAllBytes(app);
        byte[] lock = Files.readAllBytes(dir.resolve("app.java.lock"));
        Jrun.Result r = jrun("update", "--major", "app.java").run();
        assertEquals(4, r.status(), r.toString());
        assertTrue(r.err().contains("app.java:4: error: cannot find symbol"), r.err());
        assertTrue(r.err().contains("jrun: error: app.java: does not compile with the new versions"), r.err());
        assertArrayEquals(script, Files.readAllBytes(app));
        assertArrayEquals(lock, Files.readAllBytes(dir.resolve("app.java.lock")));
    }

    @Test
    void anUpdateRefreshesTheLockFile() throws IOException {
        app(DEPS, "lib.Lib.version()");
        assertEquals(0, jrun("lock", "app.java").run().status());
        Jrun.Result r = jrun("update", "--patch", "app.java").run();
        assertEquals(0, r.status(), r.toString());
        String lock = Files.readString(dir.resolve("app.java.lock"));
        assertTrue(lock.contains("dep com.example:lib:1.0.1\n") && lock.contains("artifact com.example:lib:jar:1.0.1 "), lock);
        assertEquals("lib-1.0.1\n", jrun("app.java").run().out());
    }
}
