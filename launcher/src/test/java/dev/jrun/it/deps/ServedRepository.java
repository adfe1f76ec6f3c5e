package dev.jrun.it.deps;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose scripts resolve from the artifacts of {@link Artifacts}, served on loopback for
 * the whole class, with a directory of each test's own.
 */
abstract class ServedRepository {
    @TempDir
    static Path repoDir;
    static MavenRepo repo;
    static RepoServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        repo = new MavenRepo(repoDir);
        Artifacts.build(repo);
        server = new RepoServer(repoDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
