package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What runs under cron's environment (PATH=/usr/bin:/bin and little else) with jrun installed
 * outside that PATH, as ./install puts it: binfmt_misc, an {@code app install} command, a first
 * line naming jrun by its absolute path; and what does not: {@code #!/usr/bin/env jrun}.
 */
class CronIT {
    static final String BODY = """
            public class CLASS {
                public static void main(String[] args) {
                    System.out.println("ran with " + String.join(",", args));
                }
            }
            """;

    @TempDir
    Path dir;

    private Path script(String name, String firstLine) throws IOException {
        Path p = dir.resolve(name + ".java");
        Files.writeString(p, firstLine + BODY.replace("CLASS", name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Shell cron(String shell) {
        return Shell.of(shell, dir).env("JRUN_CACHE_DIR", dir.resolve("cache").toString());
    }

    @Test
    void aFirstLineWithJrunsAbsolutePathRuns() throws IOException {
        script("abs", "#!" + Jrun.bin() + "\n");
        for (String shell : new String[] {"dash", "bash"}) {
            Shell.Result r = cron(shell).run("./abs.java a 'b c'");
            assertEquals("ran with a,b c\n", r.out(), shell + ": " + r);
        }
    }

    @Test
    void anAppInstalledCommandRuns() throws IOException {
        script("tool", "");
        Jrun.Result installed = Jrun.cmd("app", "install", "--dir", dir.resolve("bin").toString(), "tool.java").dir(dir).run();
        assertEquals(0, installed.status(), installed.toString());
        for (String shell : new String[] {"dash", "bash"}) {
            Shell.Result r = cron(shell).run("'" + dir.resolve("bin/tool") + "' x");
            assertEquals("ran with x\n", r.out(), shell + ": " + r);
        }
    }

    @Test
    void binfmtMiscRunsAFileWithNoFirstLine() throws IOException {
        Tools.needBinfmt();
        Tools.needNoRealJavaEntry();
        String name = "jrun-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        script("plain", "");
        Jrun.Result reg = Jrun.cmd("binfmt", "register", "--name", name, "--no-persist").run();
        assertEquals(0, reg.status(), reg.toString());
        try {
            for (String shell : new String[] {"dash", "bash"}) {
                Shell.Result r = cron(shell).run("./plain.java y");
                assertEquals("ran with y\n", r.out(), shell + ": " + r);
            }
        } finally {
            Tools.sh("echo -1 >/proc/sys/fs/binfmt_misc/" + name);
        }
    }

    @Test
    void envJrunIsNotFoundOnCronsPath() throws IOException {
        assumeFalse(Files.exists(Path.of("/usr/bin/jrun")) || Files.exists(Path.of("/bin/jrun")),
                "jrun is installed on cron's PATH here, where #!/usr/bin/env jrun does run");
        script("viaenv", "#!/usr/bin/env jrun\n");
        Shell.Result r = cron("dash").run("./viaenv.java");
        assertEquals(127, r.status(), r.toString());
        assertTrue(r.err().contains("jrun"), r.toString());
    }
}
