package dev.jrun.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The docs-test convention of docs/README.md, as ConsoleBlock reads it. */
class ConsoleBlockTest {
    @Test
    void commandsTheirOutputAndTheFilesShownWithCat() {
        String md = """
                Text.

                ```console
                $ cat hello.java
                class hello {}
                $ jrun hello.java x \\
                    y
                hi 2
                ...
                $ cat > b.txt <<'EOF'
                $ not a command: inside the heredoc
                EOF
                ```

                ```sh
                $ not a console block
                ```
                """;
        List<ConsoleBlock> blocks = ConsoleBlock.parse("X.md", md);
        assertEquals(1, blocks.size());
        ConsoleBlock b = blocks.get(0);
        assertEquals("X.md:3", b.source());
        assertEquals(Map.of("hello.java", "class hello {}\n"), b.files());
        assertEquals(List.of(new ConsoleBlock.Step("cat hello.java", List.of("class hello {}")),
                new ConsoleBlock.Step("jrun hello.java x \\\n    y", List.of("hi 2", "...")),
                new ConsoleBlock.Step("cat > b.txt <<'EOF'\n$ not a command: inside the heredoc\nEOF", List.of())),
                b.steps());
        assertEquals(Optional.empty(), b.noTest());
    }

    @Test
    void aNoTestCommentBeforeTheBlockSaysWhy() {
        String md = "<!-- no-test: needs root -->\n\n```console\n$ sudo x\n```\n";
        assertEquals(Optional.of("needs root"), ConsoleBlock.parse("X.md", md).get(0).noTest());
    }

    @Test
    void aBlockMustStartWithACommand() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleBlock.parse("X.md", "```console\noutput\n```\n"));
    }

    @Test
    void dotsMatchAnyLinesAndAnglesAnyText() {
        assertTrue(ConsoleBlock.matches(List.of("a", "...", "d"), "a\nb\nc\nd\n"));
        assertTrue(ConsoleBlock.matches(List.of("a", "...", "d"), "a\nd"));
        assertTrue(ConsoleBlock.matches(List.of("..."), ""));
        assertTrue(ConsoleBlock.matches(List.of("port <...> of <...>."), "port 8053 of 127.0.0.1.\n"));
        assertTrue(ConsoleBlock.matches(List.of("x  "), "x\n"), "trailing white space does not count");
        assertTrue(ConsoleBlock.matches(List.of(), ""));

        assertFalse(ConsoleBlock.matches(List.of("a", "d"), "a\nb\nd\n"));
        assertFalse(ConsoleBlock.matches(List.of(), "something\n"), "no output shown: none expected");
        assertFalse(ConsoleBlock.matches(List.of("port <...>."), "port 1\nmore.\n"), "<...> stays within a line");
        assertFalse(ConsoleBlock.matches(List.of("a.b"), "axb\n"), "the rest is literal");
    }
}
