package dev.jrun.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    private static final String SUM1 = "a".repeat(64);
    private static final String SUM2 = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    @Test
    void writtenThenReadIsTheSame() throws IOException {
        Path file = dir.resolve("hello.java.lock");
        LockFile lock = new LockFile(file,
                List.of("dep info.picocli:picocli:4.7.7", "dep org.junit:junit-bom:5.10.0@pom",
                        "repo central https://repo.maven.apache.org/maven2/"),
                List.of(new LockFile.Artifact("info.picocli:picocli:jar:4.7.7", SUM1),
                        new LockFile.Artifact("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.100.Final", SUM2)));
        lock.write("hello.java");
        assertEquals(lock, LockFile.read(file));
        String text = Files.readString(file);
        assertTrue(text.startsWith("# jrun lock file for hello.java:"), text);
        assertTrue(text.contains("# run 'jrun lock hello.java' again.\n"), text);
        assertTrue(text.endsWith("dep info.picocli:picocli:4.7.7\ndep org.junit:junit-bom:5.10.0@pom\n"
                + "repo central https://repo.maven.apache.org/maven2/\n"
                + "artifact info.picocli:picocli:jar:4.7.7 " + SUM1 + "\n"
                + "artifact io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.100.Final " + SUM2 + "\n"), text);
        assertFalse(Files.exists(dir.resolve("hello.java.lock.tmp")));
    }

    @Test
    void anEmptyLockIsALock() throws IOException {
        Path file = dir.resolve("none.java.lock");
        LockFile lock = new LockFile(file, List.of(), List.of());
        lock.write("none.java");
        assertEquals(lock, LockFile.read(file));
    }

    @Test
    void writingReplacesTheOldFile() throws IOException {
        Path file = dir.resolve("s.java.lock");
        new LockFile(file, List.of("dep a:b:1"), List.of(new LockFile.Artifact("a:b:jar:1", SUM1))).write("s.java");
        LockFile second = new LockFile(file, List.of("dep a:b:2"), List.of(new LockFile.Artifact("a:b:jar:2", SUM2)));
        second.write("s.java");
        assertEquals(second, LockFile.read(file));
    }

    @Test
    void blankLinesCommentsAndSpacingAreTolerated() throws IOException {
        Path file = dir.resolve("s.java.lock");
        Files.writeString(file, "# made by hand\n\n  dep\ta:b:1  \nrepo   central   https://repo.maven.apache.org/maven2/\n"
                + "artifact a:b:jar:1 " + SUM1 + "\n");
        LockFile lock = LockFile.read(file);
        assertEquals(List.of("dep a:b:1", "repo central https://repo.maven.apache.org/maven2/"), lock.request());
        assertEquals(List.of(new LockFile.Artifact("a:b:jar:1", SUM1)), lock.artifacts());
    }

    @Test
    void anEditedLineIsAnErrorNamingIt() throws IOException {
        assertEquals(":3", badLine("# x\ndep a:b:1\ndep a:b:1 extra\n"));
        assertEquals(":1", badLine("artifact a:b:jar:1 " + SUM1.toUpperCase() + "\n"));
        assertEquals(":1", badLine("artifact a:b:jar:1 " + SUM1.substring(1) + "\n"));
        assertEquals(":1", badLine("artifact a:b:1 " + SUM1 + "\n"));
        assertEquals(":2", badLine("dep a:b:1\nrepo central\n"));
        assertEquals(":1", badLine("artifacts a:b:jar:1 " + SUM1 + "\n"));
    }

    private String badLine(String text) throws IOException {
        Path file = dir.resolve("bad.java.lock");
        Files.writeString(file, text);
        JrunException e = assertThrows(JrunException.class, () -> LockFile.read(file));
        assertEquals(ExitCode.DEPENDENCY, e.status());
        String prefix = file.toString();
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        String rest = e.getMessage().substring(prefix.length());
        assertTrue(rest.endsWith(": not a lock file line; do not edit lock files: run jrun lock on the script again"), rest);
        return rest.substring(0, rest.indexOf(':', 1));
    }

    @Test
    void aMissingLockFileIsAnError() {
        Path file = dir.resolve("missing.java.lock");
        JrunException e = assertThrows(JrunException.class, () -> LockFile.read(file));
        assertEquals(ExitCode.DEPENDENCY, e.status());
        assertTrue(e.getMessage().startsWith(file + ": cannot read the lock file: "), e.getMessage());
    }
}
