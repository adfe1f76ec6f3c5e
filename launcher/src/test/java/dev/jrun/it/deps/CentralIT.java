package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One smoke test against Maven Central itself (skipped when it cannot be reached). */
class CentralIT {
    @TempDir
    Path dir;

    @Test
    void picocliFromMavenCentral() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("repo.maven.apache.org", 443), 5000);
        } catch (IOException e) {
            Assumptions.abort("Maven Central is not reachable: " + e);
        }
        script(dir, "pico.java", """
                //DEPS info.picocli:picocli:4.7.7
                import picocli.CommandLine;
                import picocli.CommandLine.Option;
                @CommandLine.Command(name = "pico")
                public class pico implements Runnable {
                    @Option(names = "-n") String name = "world";
                    public void run() { System.out.println("hello " + name); }
                    public static void main(String[] a) { System.exit(new CommandLine(new pico()).execute(a)); }
                }
                """);
        Jrun.Result r = jrun(dir, "pico.java", "-n", "central").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("hello central\n", r.out());
        assertTrue(Files.isRegularFile(dir.resolve("m2/info/picocli/picocli/4.7.7/picocli-4.7.7.jar")));
        Jrun.Result lock = jrun(dir, "lock", "pico.java").run();
        assertEquals(0, lock.status(), lock.toString());
        assertTrue(Files.readString(dir.resolve("pico.java.lock")).contains("artifact info.picocli:picocli:jar:4.7.7 "));
    }
}
