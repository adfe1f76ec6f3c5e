package dev.jrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The front end's options for jrun's own JVMs are {@link OwnJvm}'s, and it writes them nowhere else. */
class OwnJvmContractTest {
    static final Path FRONT_END = Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("launcher/src/main/sh/jrun");

    static List<String> variable(String sh, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "='([^']*)'$").matcher(sh);
        assertTrue(m.find(), "the front end sets " + name + "='...' on a line of its own");
        return Arrays.asList(m.group(1).split(" "));
    }

    @Test
    void theFrontEndsOptionsAreOwnJvms() throws IOException {
        String sh = Files.readString(FRONT_END, StandardCharsets.UTF_8);
        assertEquals(OwnJvm.OPTIONS, variable(sh, "jrun_own_jvm"));
        assertEquals(OwnJvm.RESIDENT, variable(sh, "jrun_resident_jvm"));
        // every JVM of jrun's it starts takes them from there (the script's own JVM policy may add C1 alone)
        String rest = sh.replaceFirst("(?m)^jrun_own_jvm='[^']*'$", "").replaceFirst("(?m)^jrun_resident_jvm='[^']*'$", "");
        for (String option : List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms4m", "-XX:-ShrinkHeapInSteps")) {
            assertTrue(!rest.contains(option), option + " is written in the front end outside jrun_own_jvm");
        }
    }
}
