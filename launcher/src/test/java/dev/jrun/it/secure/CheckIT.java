package dev.jrun.it.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * jrun check: the analyser (SpotBugs and Find Security Bugs, from Maven Central on first use, into a
 * local repository all these tests share) reports each planted mistake at its line, and nothing on examples/.
 */
class CheckIT extends SecureRepository {
    static final Path SHARED_REPO = Path.of(System.getProperty("jrun.it.dir", "target/it")).toAbsolutePath()
            .resolve("secure-m2");

    Jrun check(String... args) {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        return jrun(all.toArray(String[]::new)).env("JRUN_REPO", SHARED_REPO.toString())
                .timeout(java.time.Duration.ofMinutes(5));
    }

    @Test
    void everyPlantedMistakeIsReportedAtItsLine() throws IOException {
        String text;
        try (InputStream in = CheckIT.class.getResourceAsStream("insecure.java")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("insecure.java"), text);
        Jrun.Result r = check("insecure.java").run();
        assertEquals(1, r.status(), r.toString());
        List<String> lines = text.lines().toList();
        Matcher planted = Pattern.compile("// ([A-Z_0-9]+)$").matcher("");
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (planted.reset(lines.get(i)).find()) {
                String want = "insecure.java:" + (i + 1) + ": " + planted.group(1) + ": ";
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(want)), want + " in\n" + r.out());
                count++;
            }
        }
        assertEquals(8, count, "the fixture plants eight mistakes");
        assertTrue(r.out().lines().allMatch(l -> l.matches("insecure\\.java:\\d+: [A-Za-z_:.0-9]+: .+")), r.out());

        Jrun.Result warnOnly = check("--warn-only", "insecure.java").run();
        assertEquals(0, warnOnly.status(), warnOnly.toString());
        assertEquals(r.out(), warnOnly.out());
    }

    /** jrun init's picocli and JUnit templates, unmodified, pass jrun check (no raw javac notes). */
    @Test
    void theTemplatesAreClean() {
        for (String t : List.of("cli", "test")) {
            Jrun.Result init = jrun("init", "-t", t, t + "tpl.java").run();
            assertEquals(0, init.status(), init.toString());
            Jrun.Result r = check(t + "tpl.java").run();
            assertEquals(0, r.status(), t + ": " + r);
            assertTrue(!r.out().contains("javac:") && !r.err().contains("javac:"), t + ": " + r);
        }
    }

    @Test
    void theExamplesAreClean() throws IOException {
        List<String> args = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Jrun.repoRoot().resolve("examples"))) {
            examples.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
        }
        Jrun.Result r = check(args.toArray(String[]::new)).timeout(java.time.Duration.ofMinutes(15)).run();
        assertEquals("", r.out(), r.toString());
        assertEquals(0, r.status(), r.toString());
    }

    @Test
    void lintWarningsAndPolicyViolationsAreFindingsToo() throws IOException {
        Path policy = policy("deny com.example:lib:[,1.1)\ndeny repo " + server.url() + "\n");
        app("//DEPS com.example:tool:1.0\n", "tool.Tool.run() + new java.util.ArrayList()");
        Jrun.Result r = check("app.java").run();
        assertEquals(1, r.status(), r.toString());
        assertEquals(List.of(
                "app.java:1: policy: repository test (" + server.url() + ") is denied by " + policy + ":2 (deny repo "
                        + server.url() + ")",
                "app.java:2: policy: //DEPS com.example:tool:1.0 -> com.example:lib:1.0.0 is denied by " + policy
                        + ":1 (deny com.example:lib:[,1.1))"),
                r.out().lines().filter(l -> l.contains(": policy: ")).toList());
        assertTrue(r.out().contains("app.java:3: javac:raw.class.use: found raw type: java.util.ArrayList"), r.out());

        Files.writeString(dir.resolve("broken.java"), "public class broken { void f() { int x = \"s\"; } }\n");
        Jrun.Result broken = check("broken.java").run();
        assertEquals(4, broken.status(), broken.toString());
        assertTrue(broken.err().startsWith("broken.java:1: error: incompatible types"), broken.err());
    }
}
