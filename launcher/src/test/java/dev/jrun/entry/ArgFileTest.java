package dev.jrun.entry;

import dev.jrun.plan.Check;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ArgFileTest {

    @Test
    void everyArgumentIsQuotedAndEscaped() {
        assertEquals("\"-cp\"\n\"/a b/c\\\"d\\\\e.jar\"\n\"x\\ny\"\n",
                ArgFile.format(List.of("-cp", "/a b/c\"d\\e.jar", "x\ny")));
    }

    @Test
    void shQuotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertEquals("[ -f '/a b' ]", ShellTest.of(new Check.FileExists(java.nio.file.Path.of("/a b"))));
        assertEquals("[ -z \"${X+set}\" ]", ShellTest.of(new Check.EnvIs("X", null)));
        assertEquals("false", ShellTest.of(new Check.EnvIs("bad name", "v")));
    }
}
