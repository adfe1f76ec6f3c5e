package dev.jrun.it.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency policy: enforced on every build, for direct and transitive dependencies and repositories. */
class PolicyIT extends SecureRepository {

    static void refused(Jrun.Result r, String start) {
        assertEquals(6, r.status(), r.toString());
        assertEquals("", r.out(), "nothing ran");
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("jrun: error: " + start), r.err());
    }

    @Test
    void aDeniedDirectDependencyNamesItsLineAndNothingRuns() throws IOException {
        Path policy = policy("# no old libs\ndeny com.example:lib:[,1.1)\n");
        app("//DEPS com.example:lib:1.0.1\n", "lib.Lib.version()");
        Jrun.Result r = jrun("app.java").run();
        refused(r, "app.java:2: //DEPS com.example:lib:1.0.1 is denied by " + policy + ":2 (deny com.example:lib:[,1.1))");
        assertFalse(Files.exists(dir.resolve("m2/com/example/lib/1.0.1/lib-1.0.1.jar")), "no jar fetched");

        app("//DEPS com.example:lib:1.1.0\n", "lib.Lib.version()");
        assertEquals("lib-1.1.0\n", jrun("app.java").run().out());
    }

    @Test
    void aDeniedTransitiveDependencyNamesTheChain() throws IOException {
        Path policy = policy("allow com.example:tool\n");
        app("//DEPS com.example:tool:1.0\n", "tool.Tool.run()");
        Jrun.Result r = jrun("app.java").run();
        refused(r, "app.java:2: //DEPS com.example:tool:1.0 -> com.example:lib:1.0.0 is not on the allow list of "
                + policy + ";");
    }

    @Test
    void aDeniedRepositoryNamesItsReposLine() throws IOException {
        policy("deny repo " + server.url() + "\n");
        app("//DEPS com.example:lib:1.1.0\n", "lib.Lib.version()");
        refused(jrun("app.java").run(), "app.java:1: repository test (" + server.url() + ") is denied by ");
    }

    @Test
    void aPolicyChangeRebuildsTheCachedEntry() throws IOException {
        app("//DEPS com.example:tool:1.0\n", "tool.Tool.run()");
        assertEquals("tool with lib-1.0.0\n", jrun("app.java").run().out());
        Path where = dir.resolve("config/jrun/policy");
        assertTrue(runEnv().contains("! [ -e '" + where + "' ]"), "no policy: a test that none appears: " + runEnv());
        assertFalse(runEnv().contains("policy.stamp"), runEnv());

        // a policy file created where there was none reaches the entry built before it
        policy("allow com.example\ndeny com.example:lib\n");
        refused(jrun("app.java").run(), "app.java:2: //DEPS com.example:tool:1.0 -> com.example:lib:1.0.0 is denied by "
                + where + ":2 (deny com.example:lib)");

        Path policy = policy("allow com.example\n");
        Files.setLastModifiedTime(policy, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertEquals("tool with lib-1.0.0\n", jrun("--fresh", "app.java").run().out(), "built under the policy");
        Jrun.Result cached = jrun("--verbose", "app.java").run();
        assertTrue(cached.err().contains("cached"), cached.err());
        String env = runEnv();
        assertEquals(1, env.lines().filter(l -> l.contains("policy.stamp")).count(), env);
        assertTrue(env.contains("! [ '" + policy + "' -nt \"$entry/policy.stamp\" ]"), env);

        Files.writeString(policy, "allow com.example\ndeny com.example:lib\n");
        refused(jrun("app.java").run(), "app.java:2: //DEPS com.example:tool:1.0 -> com.example:lib:1.0.0 is denied by "
                + policy + ":2 (deny com.example:lib)");
    }

    private String runEnv() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("cache/entries"))) {
            Path entry = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            // the run.env of the entry's current build
            return Files.readString(entry.resolve(Files.readString(entry.resolve("current")).strip()).resolve("run.env"));
        }
    }
}
