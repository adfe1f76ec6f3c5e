package dev.jrun.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests need from the machine, provided by the tests themselves so that {@code mvn -B verify}
 * on a fresh Debian machine is the whole test command: missing programs are installed with apt-get
 * (as root; CI runs as root), binfmt_misc is mounted. A test that cannot get what it needs is skipped
 * with the reason, never passed.
 */
public final class Tools {
    private static boolean aptUpdated;

    private Tools() {
    }

    /** Makes sure {@code command} is on PATH, installing Debian's {@code pkg} if needed. */
    public static synchronized void need(String command, String pkg) {
        if (onPath(command)) {
            return;
        }
        Assumptions.assumeTrue(isRoot(), command + " is not installed and the tests are not root: apt-get install " + pkg);
        if (!aptUpdated) {
            sh("apt-get update -qq");
            aptUpdated = true;
        }
        sh("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + pkg);
        Assumptions.assumeTrue(onPath(command), "could not install " + pkg);
    }

    /** Makes sure binfmt_misc is mounted (as root), or skips the test. */
    public static synchronized void needBinfmt() {
        Path register = Path.of("/proc/sys/fs/binfmt_misc/register");
        if (!Files.exists(register) && isRoot()) {
            sh("mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc");
        }
        Assumptions.assumeTrue(Files.exists(register) && isRoot(), "binfmt_misc needs root and a kernel that has it");
    }

    /**
     * Skips a test that registers a binfmt_misc entry for .java when the machine already runs .java
     * files through one (a real jrun install, or another tool): the kernel tries the newest entry
     * first, so the test's would take its place while the test runs. Test entries are named
     * jrun-test-*; a real install also leaves its boot file.
     */
    public static void needNoRealJavaEntry() {
        for (Path conf : List.of(Path.of("/etc/binfmt.d/jrun.conf"), Path.of("/usr/lib/binfmt.d/jrun.conf"))) {
            Assumptions.assumeFalse(Files.exists(conf), conf + " exists: jrun is installed on this machine, and a test"
                    + " entry for .java would stand in for it while the test runs; skipped");
        }
        try (Stream<Path> entries = Files.list(Path.of("/proc/sys/fs/binfmt_misc"))) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                String name = e.getFileName().toString();
                if (!name.startsWith("jrun-test-") && !name.equals("register") && !name.equals("status")
                        && Files.readString(e).contains("\nextension .java\n")) {
                    Assumptions.abort("the binfmt_misc entry " + name + " runs .java files on this machine, and a test"
                            + " entry would stand in for it while the test runs; skipped");
                }
            }
        } catch (IOException e) {
            // no binfmt_misc: nothing to stand in for
        }
    }

    /**
     * Runs {@code body}, then removes the JVM's /tmp/hsperfdata_USER directory if it was not there
     * before: a JVM run as another user (nobody) makes one, and a test leaves no file behind.
     */
    public static void asOtherUser(String user, ThrowingRunnable body) throws Exception {
        Path perf = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + user);
        boolean had = Files.exists(perf);
        try {
            body.run();
        } finally {
            if (!had) {
                sh("rm -rf '" + perf + "'");
            }
        }
    }

    /** A test body that may throw. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static boolean onPath(String command) {
        return sh("command -v " + command + " >/dev/null") == 0;
    }

    /** Runs {@code script} with sh, output to this JVM's; returns its status. */
    public static int sh(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
