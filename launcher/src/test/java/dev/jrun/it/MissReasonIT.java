package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every miss says why under --verbose: the line "jrun: building NAME (WHY)". */
class MissReasonIT extends ScriptDir {
    static String main(String cls, String body) {
        return "public class " + cls + " { public static void main(String[] a) throws Exception { " + body + " } }\n";
    }

    /** The reason the verbose run gives for building, or "cached" when it did not build. */
    String why(Jrun run) {
        Jrun.Result r = run.run();
        assertEquals(0, r.status(), r.toString());
        for (String line : r.err().lines().toList()) {
            if (line.startsWith("jrun: building ")) {
                return line.substring(line.indexOf(" (") + 2, line.length() - 1);
            }
        }
        assertTrue(r.err().contains("jrun: cached: "), r.toString());
        return "cached";
    }

    @Test
    void eachMissNamesItsCause() throws Exception {
        Path s = write("m.java", main("m", "System.out.println(1);"));
        Thread.sleep(50); // (the path index records a script last changed before the run began)
        assertEquals("not cached", why(jrun("--verbose", "m.java")));
        assertEquals("cached", why(jrun("--verbose", "m.java")));
        Files.writeString(s, main("m", "System.out.println(2);"));
        Thread.sleep(50);
        assertEquals("not cached: the script file changed since its last run", why(jrun("--verbose", "m.java")));
        assertEquals("not cached: run with --java '25', not '' as last time", why(jrun("--verbose", "--java", "25", "m.java")));
        // (the entry of the run without --java is still there: found again, nothing built)
        assertEquals("cached", why(jrun("--verbose", "m.java")));
    }

    @Test
    void aSourcesFileIsNamed() throws Exception {
        write("Helper.java", "class Helper { static int n() { return 1; } }\n");
        write("s.java", "//SOURCES Helper.java\n" + main("s", "System.out.println(Helper.n());"));
        Thread.sleep(50);
        assertEquals("not cached", why(jrun("--verbose", "s.java")));
        assertEquals("cached", why(jrun("--verbose", "s.java")));
        write("Helper.java", "class Helper { static int n() { return 2; } }\n");
        assertEquals("not cached: a //SOURCES or //FILES file changed", why(jrun("--verbose", "s.java")));
        assertEquals("cached", why(jrun("--verbose", "s.java")));
    }

    @Test
    void aDamagedEntryIsNamed() throws Exception {
        write("d.java", main("d", "System.out.println(1);"));
        Thread.sleep(50);
        assertEquals("not cached", why(jrun("--verbose", "d.java")));
        try (var entries = Files.list(cache().resolve("entries"))) {
            Path entry = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            Path build = entry.resolve(Files.readString(entry.resolve("current")).strip());
            Files.delete(build.resolve("run.env"));
        }
        assertEquals("not cached: the entry is incomplete or damaged", why(jrun("--verbose", "d.java")));
    }
}
