package dev.jrun.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In the C or POSIX locale (cron, systemd, env -i), or none at all, a script's arguments, file
 * names, environment values and output are UTF-8; in a UTF-8 locale nothing changes.
 */
class LocaleIT {
    static final String SCRIPT = """
            import java.nio.file.*;

            public class ls8 {
                public static void main(String[] args) throws Exception {
                    System.out.println("arg " + args[0] + " (" + args[0].length() + " chars)");
                    System.out.println("file " + Files.readString(Path.of(args[0])).strip());
                    try (var names = Files.list(Path.of("."))) {
                        names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("é")).forEach(n -> System.out.println("listed " + n));
                    }
                    System.out.println("env " + System.getenv("WORD"));
                    for (String v : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
                        System.out.println(v + "=" + System.getenv(v));
                    }
                }
            }
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("ls8.java"), SCRIPT);
    }

    /**
     * The shell makes the file and the words with printf's octal escapes, so the UTF-8 bytes do not
     * depend on the locale this test's own JVM runs in (it may be C, too).
     */
    static final String COMMAND = "e=$(printf '\\303\\251lan'); printf 'na\\303\\257ve \\342\\230\\203\\n' >\"$e\";"
            + " WORD=$(printf '\\303\\247a va') \"$JRUN\" ls8.java \"$e\"";

    /** The locale's variables as given; what the script sees of them afterwards. */
    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "dash | ''                | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=null",
        "bash | ''                | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=null",
        "dash | LC_ALL=C          | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=C",
        "bash | LC_ALL=POSIX      | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=POSIX",
        "dash | LANG=C            | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=C",
        "bash | LANG=POSIX LC_CTYPE=C | LC_ALL=null, LC_CTYPE=C.UTF-8, LANG=POSIX",
        "dash | LC_ALL=C.UTF-8    | LC_ALL=C.UTF-8, LC_CTYPE=null, LANG=null",
        "bash | LANG=C.UTF-8      | LC_ALL=null, LC_CTYPE=null, LANG=C.UTF-8"})
    void argumentsFileNamesEnvironmentAndOutputAreUtf8(String shell, String locale, String seen) {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/locale/C.utf8")), "this system has no C.UTF-8 locale");
        Shell.Result r = Shell.of(shell, dir).env("JRUN_CACHE_DIR", dir.resolve("cache").toString())
                .assignments(locale).run(COMMAND);
        String[] vars = seen.split(", ");
        assertEquals("arg élan (4 chars)\nfile naïve ☃\nlisted élan\nenv ça va\n" + String.join("\n", vars) + "\n", r.out(),
                r.toString());
        assertEquals(0, r.status(), r.toString());
    }
}
