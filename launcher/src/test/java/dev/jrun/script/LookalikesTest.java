package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines that look like a mistyped directive are named; directives and ordinary comments are not. */
class LookalikesTest {
    @Test
    void aMistypedDirectiveIsNamedWithItsLine() {
        List<String> lines = List.of("//DEP info.picocli:picocli:4.7.7", "//DEPS a:b:1", "//TODO: later", "// DEP spaced",
                "//SOURCE util.java", "//FILE", "//deps lower case: a comment", "public class x {}");
        assertEquals(List.of(
                "x.java:1: //DEP is not a directive, so this line is a comment; did you mean //DEPS?",
                "x.java:5: //SOURCE is not a directive, so this line is a comment; did you mean //SOURCES?",
                "x.java:6: //FILE is not a directive, so this line is a comment; did you mean //FILES?"),
                DirectiveParser.lookalikes(lines, "x.java"));
    }
}
