package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the cache goes: HOME when it is the user's own; without HOME, or with someone else's, the
 * passwd entry's home, as Java's user.home; runs and jrun's own commands always agree.
 */
class HomeIT {
    static final String HI = "public class hi { public static void main(String[] a) { System.out.println(\"hi\"); } }\n";

    @TempDir
    Path dir;

    /** The home of the user a command runs as, from the passwd database, as getent shows it. */
    private static String passwdHome(String user) {
        Shell.Result r = Shell.of("dash", Path.of("/")).run("getent passwd " + user + " | cut -d: -f6");
        return r.out().strip();
    }

    @Test
    void anOwnHomeHoldsTheCacheForRunsAndCommandsAlike() throws IOException {
        Files.writeString(dir.resolve("hi.java"), HI);
        Path home = Files.createDirectories(dir.resolve("h"));
        Path root = home.resolve(".cache/jrun");
        for (String shell : new String[] {"dash", "bash"}) {
            Shell sh = Shell.of(shell, dir).env("HOME", home.toString());
            Shell.Result run = sh.run("\"$JRUN\" hi.java");
            assertEquals("hi\n", run.out(), run.toString());
            assertTrue(Files.isDirectory(root.resolve("entries")), run.toString());
            Shell.Result list = sh.run("\"$JRUN\" cache list");
            assertTrue(list.out().endsWith(" in " + root.resolve("entries") + "\n"), list.toString());
            assertTrue(list.out().contains(dir.resolve("hi.java").toRealPath().toString()), list.toString());
            Shell.Result info = sh.run("\"$JRUN\" info hi.java");
            assertTrue(info.out().contains("cache entry " + root.resolve("entries")), info.toString());
            assertTrue(info.out().contains("current: the next run starts from it"), info.toString());
        }
        // XDG_CACHE_HOME, when set, before HOME, for all of them too
        Shell sh = Shell.of("dash", dir).env("HOME", home.toString()).env("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        assertEquals("hi\n", sh.run("\"$JRUN\" hi.java").out());
        assertTrue(sh.run("\"$JRUN\" cache list").out().endsWith(" in " + dir.resolve("xdg/jrun/entries") + "\n"));
    }

    @Test
    void withoutHomeCommandsLookInThePasswdHome() throws IOException {
        Files.writeString(dir.resolve("hi.java"), HI);
        String home = passwdHome("$(id -u)");
        assumeFalse(home.isEmpty(), "this user has no passwd entry");
        for (String shell : new String[] {"dash", "bash"}) {
            // read only: neither command creates anything
            Shell.Result list = Shell.of(shell, dir).run("\"$JRUN\" cache list");
            assertEquals(0, list.status(), list.toString());
            assertTrue(list.out().endsWith(" in " + Path.of(home, ".cache/jrun/entries") + "\n"), list.toString());
            Shell.Result info = Shell.of(shell, dir).run("\"$JRUN\" info hi.java");
            assertTrue(info.out().contains("cache entry " + Path.of(home, ".cache/jrun/entries")), info.toString());
        }
    }

    /**
     * nobody's passwd home, /nonexistent on Debian, cannot be made: a run without HOME, or with a
     * HOME that is someone else's, fails there, and makes no cache anywhere else (such as /.cache).
     */
    @Test
    void noUserMakesACacheOutsideTheirOwnHome() throws Exception {
        assumeTrue(Tools.isRoot() && Tools.onPath("setpriv"), "needs root and setpriv to run as nobody");
        String home = passwdHome("nobody");
        assumeTrue(!home.isEmpty() && !Files.exists(Path.of(home)), "nobody's home " + home + " exists: not writing there");
        boolean hadSlashCache = Files.exists(Path.of("/.cache"));
        // readable by nobody, unlike a @TempDir
        Path open = Files.createTempDirectory("jrun-home-it", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            Files.writeString(open.resolve("hi.java"), HI);
            Files.setPosixFilePermissions(open.resolve("hi.java"), PosixFilePermissions.fromString("rw-r--r--"));
            Path root = Path.of(home, ".cache/jrun");
            Tools.asOtherUser("nobody", () -> {
                for (String theirHome : new String[] {null, "/root", open.toString()}) {
                    Shell sh = Shell.of("dash", open).as("nobody", "nogroup").env("HOME", theirHome);
                    Shell.Result run = sh.run("\"$JRUN\" hi.java");
                    assertEquals(7, run.status(), "HOME=" + theirHome + ": " + run);
                    assertTrue(run.err().contains(root.toString()), "HOME=" + theirHome + ": " + run);
                    Shell.Result list = sh.run("\"$JRUN\" cache list");
                    assertTrue(list.out().endsWith(" in " + root.resolve("entries") + "\n"), "HOME=" + theirHome + ": " + list);
                }
            });
            assertFalse(Files.exists(Path.of(home)), home + " was made");
            assertEquals(hadSlashCache, Files.exists(Path.of("/.cache")), "/.cache was made");
            assertFalse(Files.exists(open.resolve(".cache")), "a cache in a HOME that is not nobody's");
        } finally {
            Tools.sh("rm -rf '" + open + "'");
        }
    }
}
