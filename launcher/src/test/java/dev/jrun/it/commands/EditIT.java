package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun edit: JBang's edit, a project an IDE opens whose source is the script itself. */
class EditIT {
    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    @Test
    void theProjectLinksTheScriptAndFollowsItsDeps() throws Exception {
        // JBang, editing.adoc: "jbang edit" makes a project "with symbolic links to the script" and its
        // dependencies, so the IDE edits the script itself; running it again picks up new //DEPS
        Files.writeString(dir.resolve("Lib.java"), "class Lib { static String s() { return \"lib\"; } }\n");
        Path script = dir.resolve("tool.java");
        Files.writeString(script, "//SOURCES Lib.java\npublic class App { public static void main(String[] a) {"
                + " System.out.println(Lib.s()); } }\n");
        Jrun.Result r = jrun("edit", "tool.java").run();
        ok(r);
        Path project = Path.of(r.out().strip());
        assertTrue(project.startsWith(dir.resolve("cache")), r.out());
        Path app = project.resolve("src/main/java/App.java");
        assertTrue(Files.isSymbolicLink(app), "linked, not copied");
        assertTrue(Files.isSameFile(script, app));
        assertTrue(Files.isSameFile(dir.resolve("Lib.java"), project.resolve("src/main/java/Lib.java")));
        assertFalse(Files.readString(project.resolve("pom.xml")).contains("picocli"));

        // a later //DEPS: the same directory, its pom.xml brought up to date, the script untouched
        Files.writeString(script, "//DEPS info.picocli:picocli:4.7.7\n" + Files.readString(script));
        Files.createDirectories(project.resolve(".idea"));
        Jrun.Result again = jrun("edit", "--offline", "tool.java").run();
        ok(again);
        assertEquals(r.out(), again.out());
        assertTrue(Files.readString(project.resolve("pom.xml")).contains("<artifactId>picocli</artifactId>"));
        assertTrue(Files.isDirectory(project.resolve(".idea")), "what the IDE added stays");
        assertTrue(Files.readString(script).startsWith("//DEPS info.picocli"));

        // --open=CMD starts the editor on the directory
        Path opener = dir.resolve("opener");
        Files.writeString(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" > \"$(dirname \"$0\")/opened\"\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwxr-xr-x"));
        ok(jrun("edit", "--offline", "--open=" + opener, "tool.java").run());
        Path opened = dir.resolve("opened");
        for (int i = 0; i < 100 && !Files.exists(opened); i++) {
            Thread.sleep(100);
        }
        assertEquals(project + "\n", Files.readString(opened));
    }
}
