package dev.jrun.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRequestTest {
    static final Path FRONT_END = Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("launcher/src/main/sh/jrun");

    @TempDir
    Path dir;

    @Test
    void roundTrips() {
        BuildRequest r = new BuildRequest("/c/entries/abc-def", "x.java", "x.java", "21+", true, false, true,
                "DEPS --deps a:b:1\nJAVA_OPTIONS -R -Xmx1g\n", "a=1\nb=x=y\na=2\n");
        assertEquals(r, BuildRequest.parse(r.toArgs()));
        BuildRequest none = new BuildRequest("e", "s", "n", "", false, false, false, "", "");
        assertArrayEquals(new String[] {"e", "s", "n", "", "", "", "", "", ""}, none.toArgs());
        assertEquals(none, BuildRequest.parse(none.toArgs()));
    }

    @Test
    void readsTheGivenOptionsAndDefines() {
        BuildRequest r = new BuildRequest("e", "s", "n", "", false, false, false,
                "DEPS --deps a:b:1\nbroken line\nJAVA_OPTIONS -R -Xmx1g -Da=b\n", "a=1\nb=x=y\n=no\na=2\n");
        assertEquals(2, r.directives().size());
        assertEquals("DEPS", r.directives().get(0).name());
        assertEquals(List.of("-Xmx1g -Da=b"), r.directives().get(1).words());
        assertEquals(Map.of("a", "2", "b", "x=y"), r.defineMap());
        assertEquals(List.of("a", "b"), List.copyOf(r.defineMap().keySet()));
    }

    @Test
    void anythingButNineWellFormedWordsIsAUsageError() {
        JrunException e = assertThrows(JrunException.class, () -> BuildRequest.parse(new String[] {"a", "b"}));
        assertEquals(ExitCode.USAGE, e.status());
        String[] words = new BuildRequest("e", "s", "n", "", false, false, false, "", "").toArgs();
        words[4] = "yes";
        assertEquals(ExitCode.USAGE, assertThrows(JrunException.class, () -> BuildRequest.parse(words)).status());
    }

    /**
     * The contract with the front end: its real call of the builder (dash running
     * launcher/src/main/sh/jrun, with a stand-in JVM that keeps its arguments) read by {@link BuildRequest#parse}.
     */
    @Test
    void readsWhatTheFrontEndPasses() throws Exception {
        Files.writeString(dir.resolve("g.java"), "public class g { public static void main(String[] a) { } }\n");
        BuildRequest plain = frontEnd("g.java");
        assertTrue(plain.entry().startsWith(dir.resolve("cache/entries/").toString()), plain.entry());
        assertEquals("g.java", plain.script());
        assertEquals("g.java", plain.name());
        assertEquals(new BuildRequest(plain.entry(), "g.java", "g.java", "", false, false, false, "", ""), plain);

        BuildRequest all = frontEnd("--fresh", "--verbose", "--offline", "--java", "21+", "-Dx=y", "--deps", "a:b:1",
                "g.java", "arg");
        assertTrue(all.fresh() && all.verbose() && all.offline(), all.toString());
        assertEquals("21+", all.java());
        assertEquals(Map.of("x", "y"), all.defineMap());
        assertEquals(List.of("DEPS"), all.directives().stream().map(d -> d.name()).toList());
        assertEquals(List.of("a:b:1"), all.directives().get(0).words());
    }

    private BuildRequest frontEnd(String... args) throws IOException, InterruptedException {
        Path stub = dir.resolve("java-stub");
        Path out = dir.resolve("words");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$STUB_OUT\"\nexit 3\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(out);
        List<String> cmd = new java.util.ArrayList<>(List.of("dash", FRONT_END.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "JRUN_CACHE_DIR",
                dir.resolve("cache").toString(), "JRUN_JAVA", stub.toString(), "STUB_OUT", out.toString()));
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), said);
        List<String> words = Arrays.asList(Files.readString(out).split("\0", -1));
        int at = words.indexOf("dev.jrun.build.BuildMain");
        assertTrue(at >= 0, words.toString());
        return BuildRequest.parse(words.subList(at + 1, words.size() - 1).toArray(String[]::new));
    }
}
