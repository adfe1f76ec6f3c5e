package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import org.junit.jupiter.api.Test;

class OtherLanguageTest {
    @Test
    void kotlinGroovyAndMarkdownAreNamedWhateverTheCase() {
        for (String[] c : new String[][] {{"a.kt", "Kotlin source"}, {"b.kts", "Kotlin script"}, {"c.groovy", "Groovy"},
            {"d.GVY", "Groovy"}, {"README.md", "Markdown"}}) {
            JrunException e = assertThrows(JrunException.class, () -> OtherLanguage.refuse(c[0]));
            assertEquals(ExitCode.SCRIPT, e.status());
            assertTrue(e.getMessage().startsWith(c[0] + ": a" + (c[1].startsWith("Ma") ? " " : " ") + c[1]), e.getMessage());
        }
    }

    @Test
    void javaJshellAndNamesWithoutASuffixAreLeftAlone() {
        for (String n : new String[] {"hello.java", "x.jsh", "tool", "dir.kt/tool", "a.md.java", ".md"}) {
            if (!n.equals(".md")) {
                assertDoesNotThrow(() -> OtherLanguage.refuse(n), n);
            }
        }
        assertThrows(JrunException.class, () -> OtherLanguage.refuse(".md"));
    }
}
