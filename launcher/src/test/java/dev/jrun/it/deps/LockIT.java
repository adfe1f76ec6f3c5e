package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.jrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** jrun lock: SCRIPT.lock pins every artifact by version and SHA-256. */
class LockIT extends ServedRepository {
    String app(String deps) throws IOException {
        Artifacts.script(dir, "app.java", "//REPOS test=" + server.url() + "\n" + deps
                + "public class app { public static void main(String[] a) { System.out.println(greet.Greet.hello(\"l\")); } }\n");
        return "app.java";
    }

    @Test
    void theLockListsEveryArtifactAndRunsUseExactlyThose() throws IOException {
        app("//DEPS com.example:greet:1.0 com.example:words:[1.0,1.1]\n");
        Jrun.Result lock = jrun(dir, "lock", "app.java").run();
        assertEquals(0, lock.status(), lock.toString());
        assertEquals("wrote app.java.lock: 2 artifacts\n", lock.out());
        String text = Files.readString(dir.resolve("app.java.lock"));
        Path words = dir.resolve("m2/com/example/words/1.1/words-1.1.jar");
        assertTrue(text.contains("artifact com.example:greet:jar:1.0 "
                + MavenRepo.sha256(dir.resolve("m2/com/example/greet/1.0/greet-1.0.jar"))), text);
        assertTrue(text.contains("artifact com.example:words:jar:1.1 " + MavenRepo.sha256(words)), text);

        Jrun.Result r = jrun(dir, "app.java").run();
        assertEquals("hello l with words-1.1\n", r.out(), r.toString());

        // The jar in the local repository is replaced by other bytes, its old time restored (the
        // way the lock was once bypassed): the cached run runs the verified copy it holds, so still
        // exactly the locked bytes; a build (--fresh) reads the local repository and refuses.
        java.nio.file.attribute.FileTime was = Files.getLastModifiedTime(words);
        MavenRepo.overwrite(words, "not the locked jar");
        Files.setLastModifiedTime(words, was);
        Jrun.Result cached = jrun(dir, "app.java").run();
        assertEquals("hello l with words-1.1\n", cached.out(), cached.toString());
        Jrun.Result bad = jrun(dir, "--fresh", "app.java").run();
        ErrorsIT.oneLine(bad, 6);
        assertTrue(bad.err().contains("app.java.lock: com.example:words:jar:1.1 is not the locked artifact"), bad.err());
        assertTrue(bad.err().contains("jrun lock app.java"), bad.err());
    }

    @Test
    void aDepsChangeNotInTheLockIsAnError() throws IOException {
        app("//DEPS com.example:greet:1.0\n");
        assertEquals(0, jrun(dir, "lock", "app.java").run().status());
        app("//DEPS com.example:greet:1.0\n//DEPS com.example:nat:1.0:${os.detected.classifier}\n");
        Jrun.Result r = jrun(dir, "app.java").run();
        ErrorsIT.oneLine(r, 6);
        assertTrue(r.err().startsWith("jrun: error: app.java:3: //DEPS com.example:nat:1.0:" + Artifacts.classifier()
                + " is not in the lock file"), r.err());
        assertTrue(r.err().contains("run 'jrun lock app.java'"), r.err());

        app("");
        Jrun.Result removed = jrun(dir, "app.java").run();
        assertEquals(6, removed.status(), removed.toString());
        assertTrue(removed.err().contains("locks com.example:greet:1.0, which app.java no longer names"), removed.err());

        app("//DEPS com.example:greet:1.0\n//DEPS com.example:nat:1.0:${os.detected.classifier}\n");
        assertEquals(0, jrun(dir, "lock", "app.java").run().status());
        assertEquals("hello l with words-1.0\n", jrun(dir, "app.java").run().out());
    }

    @Test
    void aLockedRangeStaysPutWhenANewerVersionAppears() throws IOException {
        Path work = dir.resolve("served");
        // a repository of its own, which gains a version after the lock
        MavenRepo own = new MavenRepo(work);
        Artifacts.build(own);
        own.metadata(Artifacts.G, "words", "1.0", "1.1");
        try (RepoServer s = new RepoServer(work)) {
            Artifacts.script(dir, "r.java", "//REPOS own=" + s.url() + "\n//DEPS com.example:words:1.0+\n"
                    + "public class r { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
            assertEquals(0, jrun(dir, "lock", "r.java").run().status());
            own.metadata(Artifacts.G, "words", "1.0", "1.1", "2.0");
            Files.walk(dir.resolve("m2")).filter(p -> p.getFileName().toString().startsWith("maven-metadata"))
                    .forEach(p -> p.toFile().delete());
            Jrun.Result r = jrun(dir, "--fresh", "r.java").run();
            assertEquals("words-1.1\n", r.out(), "the lock's version, not the newest: " + r);
            Files.delete(dir.resolve("r.java.lock"));
            assertEquals("words-2.0\n", jrun(dir, "r.java").run().out(), "without the lock, the newest");
        }
    }
}
