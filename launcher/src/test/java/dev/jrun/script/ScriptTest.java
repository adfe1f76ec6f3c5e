package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptTest {
    @TempDir
    Path tmp;

    private static String error(Path file, String name) {
        JrunException e = assertThrows(JrunException.class, () -> Script.read(file, name));
        assertEquals(ExitCode.SCRIPT, e.status());
        return e.getMessage();
    }

    @Test
    void readsTextLinesAndTheHashOfTheBytes() throws Exception {
        byte[] bytes = "\uFEFF#!/usr/bin/env jrun\r\n//DEPS a:b:1\r\nclass x { String s = \"\u00e9\"; }\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("x.java"), bytes);
        Files.createSymbolicLink(tmp.resolve("link.java"), file);
        Script s = Script.read(tmp.resolve("link.java"), "link.java");
        assertEquals("link.java", s.name());
        assertEquals(file.toRealPath(), s.realPath());
        assertEquals(tmp.toRealPath(), s.dir());
        // the byte order mark is no part of the text; a #! line becomes an empty one
        assertEquals(List.of("#!/usr/bin/env jrun", "//DEPS a:b:1", "class x { String s = \"\u00e9\"; }"), s.lines());
        assertEquals("\n//DEPS a:b:1\r\nclass x { String s = \"\u00e9\"; }\n", s.text());
        // what sha256sum prints for the file, which the front end hashes
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)), s.sha256());
        assertEquals(64, s.sha256().length());
    }

    @Test
    void unusableFilesAreOneLineErrors() throws Exception {
        assertEquals("gone.java: no such file; check the path", error(tmp.resolve("gone.java"), "gone.java"));
        assertEquals("d: is a directory, not a script; name a .java file", error(tmp, "d"));
        assertEquals("e.java: is empty; write a class with a main method in it",
                error(Files.writeString(tmp.resolve("e.java"), " \n\t\n"), "e.java"));
        byte[] latin1 = "class x {}\n// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("l.java:2: not valid UTF-8; jrun reads scripts as UTF-8 whatever the locale, so save the file in that encoding",
                error(Files.write(tmp.resolve("l.java"), latin1), "l.java"));
    }

    @Test
    void onlyAFirstLineStartingWithHashBangIsBlanked() {
        assertEquals("", Script.compilable("#!/usr/bin/env jrun"));
        assertEquals(" #!x\nclass y {}", Script.compilable(" #!x\nclass y {}"));
        assertEquals("class y {}\n#!x", Script.compilable("class y {}\n#!x"));
    }
}
