package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven's settings.xml (mirrors, credentials, localRepository, offline) and --offline. */
class RepositoriesIT {
    @TempDir
    static Path repoDir;
    static RepoServer open;
    static RepoServer secured;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        Artifacts.build(new MavenRepo(repoDir));
        open = new RepoServer(repoDir);
        secured = new RepoServer(repoDir, "alice", "s3cret");
    }

    @AfterAll
    static void stop() {
        open.close();
        secured.close();
    }

    static final String WORDS = "//DEPS com.example:words:1.0\n"
            + "public class w { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n";

    Path settings(String body) throws IOException {
        Path s = dir.resolve("settings.xml");
        Files.writeString(s, "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n" + body + "\n</settings>\n");
        return s;
    }

    @Test
    void aMirrorOfCentralFromSettingsServesAScriptWithoutRepos() throws IOException {
        Path s = settings("<mirrors><mirror><id>corp</id><mirrorOf>central</mirrorOf><url>" + open.url()
                + "</url></mirror></mirrors>");
        script(dir, "w.java", WORDS);
        long before = open.count("/words-1.0.jar");
        Jrun.Result r = jrun(dir, "w.java").env("JRUN_SETTINGS", s.toString()).run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("words-1.0\n", r.out());
        assertEquals(before + 1, open.count("/words-1.0.jar"), "fetched through the mirror");
    }

    @Test
    void settingsInHomeAreReadToo() throws IOException {
        Path s = settings("<localRepository>" + dir.resolve("elsewhere") + "</localRepository>"
                + "<mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>" + open.url() + "</url></mirror></mirrors>");
        Files.createDirectories(dir.resolve("home/.m2"));
        Files.copy(s, dir.resolve("home/.m2/settings.xml"));
        script(dir, "w.java", WORDS);
        Jrun.Result r = jrun(dir, "w.java").env("JRUN_REPO", null).run();
        assertEquals("words-1.0\n", r.out(), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve("elsewhere/com/example/words/1.0/words-1.0.jar")),
                "settings.xml's localRepository is used when JRUN_REPO is unset");
    }

    @Test
    void aRepositoryThatNeedsCredentialsGetsThemFromSettings() throws IOException {
        script(dir, "w.java", "//REPOS private=" + secured.url() + "\n" + WORDS);
        Jrun.Result refused = jrun(dir, "w.java").run();
        assertEquals(6, refused.status(), refused.toString());
        assertTrue(refused.err().contains("refused access (HTTP 401)"), refused.err());
        assertTrue(refused.err().contains("private (" + secured.url() + ")"), refused.err());

        Path s = settings("<servers><server><id>private</id><username>alice</username><password>s3cret</password>"
                + "</server></servers>");
        Jrun.Result r = jrun(dir, "w.java").env("JRUN_SETTINGS", s.toString()).run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("words-1.0\n", r.out());
    }

    @Test
    void offlineUsesTheLocalRepositoryAndNamesWhatIsMissing() throws IOException {
        script(dir, "w.java", "//REPOS test=" + open.url() + "\n" + WORDS);
        Jrun.Result missing = jrun(dir, "--offline", "w.java").run();
        assertEquals(6, missing.status(), missing.toString());
        assertTrue(missing.err().startsWith("jrun: error: w.java:2: //DEPS com.example:words:1.0: not in the local repository"),
                missing.err());
        assertTrue(missing.err().contains("offline"), missing.err());

        assertEquals(0, jrun(dir, "w.java").run().status());
        int before = open.requests().size();
        Jrun.Result offline = jrun(dir, "--offline", "--fresh", "w.java").run();
        assertEquals("words-1.0\n", offline.out(), offline.toString());
        assertEquals(before, open.requests().size(), "--offline asks no repository");

        Path s = settings("<offline>true</offline>");
        Files.delete(dir.resolve("m2/com/example/words/1.0/words-1.0.jar"));
        Jrun.Result settingsOffline = jrun(dir, "--fresh", "w.java").env("JRUN_SETTINGS", s.toString()).run();
        assertEquals(6, settingsOffline.status(), "settings.xml's <offline> counts too: " + settingsOffline);
        assertEquals(before, open.requests().size());
    }
}
