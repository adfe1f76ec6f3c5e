package dev.jrun.it.secure;

import dev.jrun.it.Jrun;
import dev.jrun.it.deps.Artifacts;
import dev.jrun.it.deps.MavenRepo;
import dev.jrun.it.deps.RepoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several versions of one library, served on loopback for the whole class:
 * <pre>
 *   com.example:lib:1.0.0, 1.0.1, 1.1.0   lib.Lib.version() = "lib-VERSION"
 *   com.example:lib:2.0.0                 lib.Lib.name() instead: a script calling version() breaks
 *   com.example:tool:1.0                  tool.Tool.run(), depends on lib:1.0.0
 * </pre>
 * and a directory of each test's own, with its own cache, local repository, HOME and XDG_CONFIG_HOME.
 */
abstract class SecureRepository {
    static final List<String> LIB_VERSIONS = List.of("1.0.0", "1.0.1", "1.1.0", "2.0.0");

    @TempDir
    static Path repoDir;
    static RepoServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        MavenRepo repo = new MavenRepo(repoDir);
        for (String v : LIB_VERSIONS) {
            String method = v.startsWith("2.") ? "name" : "version";
            repo.library("com.example", "lib", v, Map.of("lib.Lib", "package lib; public class Lib {"
                    + " public static String " + method + "() { return \"lib-" + v + "\"; } }"), List.of(), List.of());
        }
        repo.metadata("com.example", "lib", LIB_VERSIONS.toArray(String[]::new));
        Path lib = repo.dir("com.example", "lib", "1.0.0").resolve("lib-1.0.0.jar");
        repo.library("com.example", "tool", "1.0", Map.of("tool.Tool", "package tool; public class Tool {"
                + " public static String run() { return \"tool with \" + lib.Lib.version(); } }"),
                List.of("com.example:lib:1.0.0"), List.of(lib));
        repo.metadata("com.example", "tool", "1.0");
        server = new RepoServer(repoDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** app.java in the test's directory: //REPOS the served repository, these //DEPS lines, and a main that uses them. */
    Path app(String deps, String body) throws IOException {
        return Artifacts.script(dir, "app.java", "//REPOS test=" + server.url() + "\n" + deps
                + "public class app { public static void main(String[] a) { System.out.println(" + body + "); } }\n");
    }

    /** Writes the user's policy file. */
    Path policy(String text) throws IOException {
        Path p = dir.resolve("config/jrun/policy");
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    Jrun jrun(String... args) {
        return Artifacts.jrun(dir, args).env("XDG_CONFIG_HOME", dir.resolve("config").toString());
    }
}
