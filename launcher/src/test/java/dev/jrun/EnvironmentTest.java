package dev.jrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home and cache root jrun's Java side decides on, the same way as the sh front end. */
class EnvironmentTest {
    static final String ME = System.getProperty("user.name");
    static final Path PASSWD_HOME = Path.of("/passwd/home");

    @TempDir
    Path dir;

    private Environment env(String... pairs) {
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return Environment.of(vars, PASSWD_HOME, ME, dir);
    }

    @Test
    void homeIsHomeWhenItIsTheUsersOwn() {
        Environment e = env("HOME", dir.toString());
        assertEquals(dir, e.home());
        assertEquals(dir.resolve(".cache/jrun"), e.cacheRoot());
        assertEquals(dir.toString(), e.vars().get("HOME"));
        assertEquals(dir.resolve(".cache/jrun"), env("HOME", ".").cacheRoot(), "relative to the working directory");
    }

    /** A directory that is someone else's: root's /, or as root one given to nobody. */
    private Path someoneElses() throws java.io.IOException {
        if (!ME.equals("root")) {
            return Path.of("/");
        }
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.setOwner(other, other.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        return other;
    }

    @Test
    void otherwiseThePasswdHome() throws java.io.IOException {
        for (String home : new String[] {null, "", dir.resolve("missing").toString(), someoneElses().toString()}) {
            Environment e = home == null ? env() : env("HOME", home);
            assertEquals(PASSWD_HOME, e.home(), "HOME=" + home);
            assertEquals(PASSWD_HOME.resolve(".cache/jrun"), e.cacheRoot(), "HOME=" + home);
            assertEquals(PASSWD_HOME.toString(), e.vars().get("HOME"), "what the JDK finder and Maven read");
        }
    }

    @Test
    void jrunCacheDirThenXdgCacheHome() {
        assertEquals(dir.resolve("c"), env("HOME", dir.toString(), "JRUN_CACHE_DIR", "c", "XDG_CACHE_HOME", "/x").cacheRoot());
        assertEquals(Path.of("/x/jrun"), env("HOME", dir.toString(), "XDG_CACHE_HOME", "/x").cacheRoot());
        assertEquals(PASSWD_HOME.resolve(".cache/jrun"), env("JRUN_CACHE_DIR", "", "XDG_CACHE_HOME", "").cacheRoot());
    }

    @Test
    void theCLocaleIsOneWithoutACharacterSet() {
        assertTrue(env().cLocale());
        assertTrue(env("LC_ALL", "C", "LANG", "de_DE.UTF-8").cLocale());
        assertTrue(env("LC_CTYPE", "POSIX").cLocale());
        assertTrue(env("LANG", "C").cLocale());
        assertFalse(env("LC_ALL", "C.UTF-8").cLocale());
        assertFalse(env("LANG", "C", "LC_CTYPE", "C.UTF-8").cLocale());
        assertFalse(env("LC_ALL", "en_US.UTF-8", "LC_CTYPE", "C").cLocale());
    }

    @Test
    void pathsDirectoriesInOrder() {
        assertEquals(java.util.List.of(Path.of("/a"), Path.of("/b"), dir.resolve("rel")), env("PATH", "/a::/b:rel").path());
    }
}
