package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun cache list tells apart the entries of one script: what differs between them. */
class CacheListIT {
    @TempDir
    Path dir;

    private Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache")).env("JAVA_HOME", null);
    }

    @Test
    void entriesOfOneScriptSayWhatDiffers() throws IOException {
        Path script = dir.resolve("hello.java");
        Files.writeString(script, "public class hello { public static void main(String[] a) { System.out.println(\"hi\"); } }\n");
        assertEquals("hi\n", jrun("hello.java").run().out());
        assertEquals("hi\n", jrun("--java", "25", "hello.java").run().out());
        // (another JRUN_REPO for a script without //DEPS builds the same: that entry is a link to the
        // first, a twin, listed once; another JDK is an entry of its own)
        assertEquals("hi\n", jrun("hello.java").env("JRUN_REPO", dir.resolve("repo").toString()).run().out());
        Files.writeString(script, "// edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("hi\n", jrun("hello.java").run().out());
        Jrun.Result list = jrun("cache", "list").run();
        assertEquals(0, list.status(), list.toString());
        String real = script.toRealPath().toString();
        List<String> lines = list.out().lines().filter(l -> l.contains(real)).toList();
        assertEquals(3, lines.size(), list.out());
        assertEquals(3, lines.stream().map(l -> l.substring(l.indexOf("  (") + 1)).distinct().count(),
                "each entry of hello.java says something of its own:\n" + list.out());
        String all = String.join("\n", lines);
        assertTrue(all.contains("JDK 25") && all.contains("--java 25"), all);
        assertTrue(all.contains("an earlier version of the script") && all.contains("the script as it is"), all);
    }

    /** The total is what du counts: a jar hard-linked into several builds once, not once a link. */
    @Test
    void theTotalCountsAHardLinkedFileOnce() throws Exception {
        Files.writeString(dir.resolve("a.java"), "public class a { public static void main(String[] x) { System.out.println(\"a\"); } }\n");
        assertEquals("a\n", jrun("a.java").run().out());
        Path cache = dir.resolve("cache");
        String before = total(jrun("cache", "list").run().out());
        // ten more links to every file of the cache: du's figure does not change, nor may jrun's
        List<Path> files;
        try (var walk = Files.walk(cache)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        Path links = Files.createDirectories(cache.resolve("tmp/links"));
        int n = 0;
        for (Path f : files) {
            for (int i = 0; i < 10; i++) {
                Files.createLink(links.resolve("l" + n++), f);
            }
        }
        assertEquals(before, total(jrun("cache", "list").run().out()));
    }

    private static String total(String listing) {
        String last = listing.lines().reduce((x, y) -> y).orElseThrow();
        return last.replaceAll(".* entr(y|ies), (\\S+) in .*", "$2");
    }
}
