package dev.jrun.it.docs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```console block of README.md, docs/*.md and examples/README.md, replayed on the installed
 * jrun and its output compared, so that the documentation cannot drift from what jrun does. The
 * rules are docs/README.md's; {@link ConsoleBlock} reads them.
 */
class DocsExamplesIT {
    @TempDir
    Path tmp;

    static List<Path> pages() throws IOException {
        Path root = Jrun.repoRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("examples/README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<ConsoleBlock> blocks() throws IOException {
        List<ConsoleBlock> blocks = new ArrayList<>();
        for (Path page : pages()) {
            String name = Jrun.repoRoot().relativize(page).toString();
            blocks.addAll(ConsoleBlock.parse(name, Files.readString(page)));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyConsoleBlockRunsAsShown() throws IOException {
        int[] n = {0};
        return blocks().stream().map(b -> DynamicTest.dynamicTest(b.source(), () -> {
            assumeTrue(b.noTest().isEmpty(), () -> "not run: " + b.noTest().orElseThrow());
            replay(b, Files.createDirectories(tmp.resolve("block-" + n[0]++)));
        }));
    }

    /** The docs do have examples to run: a parse that found none would pass everything. */
    @Test
    void theReadmeHasExamplesThatRun() throws IOException {
        long readme = blocks().stream().filter(b -> b.source().startsWith("README.md:") && b.noTest().isEmpty()).count();
        assertTrue(readme >= 3, "README.md's console blocks: " + readme);
    }

    static void replay(ConsoleBlock block, Path base) throws Exception {
        Path dir = Files.createDirectories(base.resolve("work"));
        Path cache = base.resolve("cache");
        Files.createSymbolicLink(dir.resolve("examples"), Jrun.repoRoot().resolve("examples"));
        for (Map.Entry<String, String> f : block.files().entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        StringBuilder session = new StringBuilder();
        for (ConsoleBlock.Step step : block.steps()) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", step.command()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("PATH", Jrun.bin().getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("JRUN_CACHE_DIR", cache.toString());
            // nothing left running in the background after a block: no archive maker, no compile server
            env.put("JRUN_NO_AOT", "1");
            env.put("JRUN_COMPILE_SERVER", "off");
            env.remove("JRUN_PROGRESS");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            assertTrue(ended, block.source() + ": $ " + step.command() + ": still running after 5 minutes");
            session.append("$ ").append(step.command()).append('\n').append(out);
            if (!ConsoleBlock.matches(step.expected(), out)) {
                fail(block.source() + ": $ " + step.command() + "\n--- the block shows:\n"
                        + String.join("\n", step.expected()) + "\n--- it printed:\n" + out + "--- the session so far:\n" + session);
            }
        }
    }
}
