package dev.jrun.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgFileTest {

    @Test
    void everyArgumentIsQuotedAndEscaped() {
        assertEquals("\"-cp\"\n\"/a b/c\\\"d\\\\e.jar\"\n\"x\\ny\"\n",
                ArgFile.format(List.of("-cp", "/a b/c\"d\\e.jar", "x\ny")));
    }

    @Test
    void shQuotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertEquals("[ -f '/a b' ]", new Check.FileExists(java.nio.file.Path.of("/a b")).sh());
        assertEquals("[ -z \"${X+set}\" ]", new Check.EnvIs("X", null).sh());
        assertEquals("false", new Check.EnvIs("bad name", "v").sh());
    }
}
