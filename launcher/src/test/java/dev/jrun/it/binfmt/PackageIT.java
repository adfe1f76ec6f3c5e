package dev.jrun.it.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways jrun gets onto a machine with the shared entry name {@code jrun}: {@code ./install}
 * as root, and the Debian package. Both must use that name, so on a machine where jrun is installed
 * for real (its entry registered, its boot file, its command) they are skipped, saying so: the
 * tests never change how such a machine runs .java files. Otherwise they run under a lock, and
 * leave the {@code jrun} entry and /etc/binfmt.d/jrun.conf as they found them.
 */
class PackageIT {
    static final String SCRIPT = """
            public class hi {
                public static void main(String[] args) {
                    System.out.println("hi " + String.join(",", args));
                    System.exit(args.length);
                }
            }
            """;
    static final Path ENTRY = Kernel.DIR.resolve("jrun");
    static final Path ETC_CONF = Path.of("/etc/binfmt.d/jrun.conf");

    @TempDir
    Path tmp;

    @Test
    void installAsRootRegistersAndUninstallRemovesEverything() throws IOException {
        Tools.needBinfmt();
        assumeNoRealInstall();
        try (FileLock lock = Kernel.lock(); Restore restore = new Restore()) {
            Path prefix = tmp.resolve("p");
            BinfmtIT.Run in = BinfmtIT.run(List.of(Jrun.repoRoot().resolve("install").toString(), "--prefix", prefix.toString(),
                    "--no-build"), tmp, Map.of(), "");
            assertEquals(0, in.status(), in.toString());
            Path bin = prefix.resolve("bin/jrun");
            assertEquals("enabled\ninterpreter " + bin + "\nflags: F\nextension .java\n", Kernel.entry("jrun").orElse(""), in.toString());
            assertTrue(Files.readAllLines(ETC_CONF).contains(":jrun:E::java::" + bin + ":F"));
            assertRunsDirectly();

            BinfmtIT.Run un = BinfmtIT.run(List.of(Jrun.repoRoot().resolve("install").toString(), "--uninstall", "--prefix",
                    prefix.toString()), tmp, Map.of(), "");
            assertEquals(0, un.status(), un.toString());
            assertFalse(Kernel.entry("jrun").isPresent(), un.toString());
            assertFalse(Files.exists(ETC_CONF), un.toString());
            assertFalse(Files.exists(prefix), un.toString());
        }
    }

    @Test
    void theDebianPackageRegistersOnInstallAndLeavesNothingOnRemoval() throws IOException {
        Tools.needBinfmt();
        assumeNoRealInstall();
        Tools.need("dpkg-deb", "dpkg");
        try (FileLock lock = Kernel.lock(); Restore restore = new Restore()) {
            assumeFalse(sh("dpkg -s jrun").status() == 0, "a jrun package is installed on this machine: not touching it");
            assumeFalse(Files.exists(Path.of("/usr/bin/jrun")), "/usr/bin/jrun exists: not touching it");
            BinfmtIT.Run built = sh("'" + Jrun.repoRoot().resolve("packaging/build-deb") + "' --no-build --out '" + tmp + "'");
            assertEquals(0, built.status(), built.toString());
            Path deb = Path.of(built.out().strip());
            assertTrue(deb.getFileName().toString().matches("jrun_[0-9][^_]*_all\\.deb"), deb.toString());
            List<Path> files = sh("dpkg-deb -c '" + deb + "' | awk '{print $6}'").out().lines()
                    .filter(f -> !f.endsWith("/")).map(f -> Path.of(f.substring(1))).toList();
            assertTrue(files.contains(Path.of("/usr/bin/jrun")) && files.contains(Path.of("/usr/lib/binfmt.d/jrun.conf"))
                    && files.contains(Path.of("/usr/share/jrun/jrun.jar"))
                    && files.contains(Path.of("/usr/share/bash-completion/completions/jrun")), files.toString());
            try {
                BinfmtIT.Run inst = sh("dpkg -i '" + deb + "'");
                assertEquals(0, inst.status(), inst.toString());
                assertEquals("enabled\ninterpreter /usr/bin/jrun\nflags: F\nextension .java\n", Kernel.entry("jrun").orElse(""),
                        inst.toString());
                assertRunsDirectly();
                BinfmtIT.Run st = BinfmtIT.run(List.of("/usr/bin/jrun", "binfmt", "status"), tmp, Map.of(), "");
                assertEquals(0, st.status(), st.toString());
                assertTrue(st.out().contains("/usr/lib/binfmt.d/jrun.conf"), st.toString());

                BinfmtIT.Run rm = sh("dpkg -r jrun");
                assertEquals(0, rm.status(), rm.toString());
                assertFalse(Kernel.entry("jrun").isPresent(), rm.toString());
                BinfmtIT.Run purge = sh("dpkg -P jrun");
                assertEquals(0, purge.status(), purge.toString());
                assertFalse(sh("dpkg -s jrun").status() == 0, "dpkg still knows jrun");
                for (Path f : files) {
                    assertFalse(Files.exists(f), f + " is left behind");
                }
                assertFalse(Files.exists(Path.of("/usr/share/jrun")), "/usr/share/jrun is left behind");
                assertFalse(Files.exists(Path.of("/var/lib/binfmts/jrun")), "/var/lib/binfmts/jrun is left behind");
            } finally {
                sh("dpkg -s jrun >/dev/null 2>&1 && dpkg -P jrun");
            }
        }
    }

    /** Skips the test where jrun is really installed: it would have to replace that installation's entry. */
    static void assumeNoRealInstall() {
        Tools.needNoRealJavaEntry();
        for (Path p : List.of(ENTRY, Path.of("/usr/local/bin/jrun"), Path.of("/usr/bin/jrun"))) {
            assumeFalse(Files.exists(p), "jrun is installed on this machine (" + p + " exists): this test would replace"
                    + " its binfmt_misc entry jrun while it runs, so it is skipped");
        }
    }

    /** ./hi.java from a bare execve: arguments and exit status. */
    private void assertRunsDirectly() throws IOException {
        Path script = tmp.resolve("hi.java");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        BinfmtIT.Run r = BinfmtIT.run(List.of(script.toString(), "a", "b c"), tmp,
                Map.of("JRUN_CACHE_DIR", tmp.resolve("cache").toString()), "");
        assertEquals(2, r.status(), r.toString());
        assertEquals("hi a,b c\n", r.out(), r.toString());
    }

    private BinfmtIT.Run sh(String script) {
        return BinfmtIT.run(List.of("sh", "-c", script), tmp, Map.of(), "");
    }

    /** Puts back the machine's own jrun entry and boot file, whatever the test did. */
    static final class Restore implements AutoCloseable {
        private final Optional<String> entry = Kernel.entry("jrun");
        private final Optional<byte[]> conf;

        Restore() throws IOException {
            conf = Files.exists(ETC_CONF) ? Optional.of(Files.readAllBytes(ETC_CONF)) : Optional.empty();
            assumeTrue(entry.isEmpty() || entry.get().contains("extension .java"), "an unexpected jrun entry: " + entry);
        }

        @Override
        public void close() throws IOException {
            Kernel.remove("jrun");
            if (entry.isPresent()) {
                Kernel.register(Kernel.lineOf("jrun", entry.get()));
            }
            if (conf.isPresent()) {
                Files.write(ETC_CONF, conf.get());
            } else {
                Files.deleteIfExists(ETC_CONF);
            }
        }
    }
}
