package dev.jrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimilarTest {
    static final List<String> COMMANDS = List.of("init", "info", "jdks", "app", "cache", "export", "lock", "binfmt");
    static final List<String> DIRECTIVES = List.of("DEPS", "REPOS", "JAVA", "JAVA_OPTIONS", "SOURCES", "FILES", "MAIN", "DOCS");

    @Test
    void typosFindTheirWord() {
        assertEquals(Optional.of("init"), Similar.closest("inti", COMMANDS));
        assertEquals(Optional.of("cache"), Similar.closest("chache", COMMANDS));
        assertEquals(Optional.of("export"), Similar.closest("exprot", COMMANDS));
        assertEquals(Optional.of("DEPS"), Similar.closest("DEP", DIRECTIVES));
        assertEquals(Optional.of("SOURCES"), Similar.closest("SOURCE", DIRECTIVES));
        assertEquals(Optional.of("JAVA_OPTIONS"), Similar.closest("JAVA_OPTION", DIRECTIVES));
    }

    @Test
    void otherWordsFindNothing() {
        assertEquals(Optional.empty(), Similar.closest("TODO", DIRECTIVES));
        assertEquals(Optional.empty(), Similar.closest("NOTE", DIRECTIVES));
        assertEquals(Optional.empty(), Similar.closest("zzz", COMMANDS));
        assertEquals(Optional.empty(), Similar.closest("init", COMMANDS), "a known word is not a typo");
        assertEquals(Optional.empty(), Similar.closest("hello", COMMANDS));
    }
}
