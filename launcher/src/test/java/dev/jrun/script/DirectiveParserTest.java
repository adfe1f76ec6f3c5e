package dev.jrun.script;

import dev.jrun.JrunException;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectiveParserTest {

    @Test
    void directivesStartAtColumnZeroWithAnUpperCaseNameAndWhiteSpace() {
        List<Directive> ds = DirectiveParser.parse(List.of(
                "//DEPS a:b:1 c:d:2", " //DEPS indented:no:1", "//TODO: not a directive", "///usr/bin/env jrun",
                "//FOO unknown names are comments", "//PREVIEW", "//JAVA\t21+", "// DEPS spaced:no:1", "//DEPSX a"), "s.java");
        assertEquals(List.of("DEPS", "PREVIEW", "JAVA"), ds.stream().map(Directive::name).toList());
        assertEquals("a:b:1 c:d:2", ds.get(0).value());
        assertEquals("21+", ds.get(2).value());
        assertEquals("s.java:7", ds.get(2).where());
    }

    @Test
    void refusedDirectivesNameTheLine() {
        JrunException e = assertThrows(JrunException.class,
                () -> DirectiveParser.parse(List.of("class x {}", "//MODULE foo"), "s.java"));
        assertEquals("s.java:2: //MODULE: not supported by jrun, which runs scripts on the class path; remove the line"
                + " (the code then runs in the unnamed module), or run the script with JBang", e.getMessage());
    }

    @Test
    void wordsSplitLikeAShell() {
        assertEquals(List.of("-Dx=a b", "-Dy=2", "it's", "a\"b", "c d", ""),
                Words.split("\"-Dx=a b\" -Dy=2 'it'\\''s' \"a\\\"b\" c\\ d ''"));
        assertEquals(List.of(), Words.split("   "));
        assertThrows(IllegalArgumentException.class, () -> Words.split("\"open"));
        assertThrows(IllegalArgumentException.class, () -> Words.split("'open"));
        for (String w : List.of("plain", "it's", "a b", "", "'\\\"$x")) {
            assertEquals(List.of(w), Words.split(Words.quote(w)), w);
        }
    }

    @Test
    void lineParsingIgnoresNonDirectives() {
        assertNull(DirectiveParser.parseLine("//", "f", 1));
        assertNull(DirectiveParser.parseLine("//deps lower:case:1", "f", 1));
        assertEquals("MAIN", DirectiveParser.parseLine("//MAIN a.B", "f", 1).name());
    }

    @Test
    void shebangLineIsBlankedKeepingLineNumbers() {
        assertEquals("\nclass x {}", Script.compilable("#!/usr/bin/env jrun\nclass x {}"));
        assertEquals("class x {}", Script.compilable("class x {}"));
    }

    @Test
    void valuesAreTrimmedAndMayBeEmpty() {
        assertEquals("", DirectiveParser.parseLine("//PREVIEW", "f", 1).value());
        assertEquals("", DirectiveParser.parseLine("//NOAOT   ", "f", 1).value());
        assertEquals("-Xmx1g  -Xss2m", DirectiveParser.parseLine("//JAVA_OPTIONS \t -Xmx1g  -Xss2m \r", "f", 1).value());
        assertEquals("a:b:1", DirectiveParser.parseLine("//DEPS a:b:1\r", "f", 1).value());
    }

    @Test
    void onlyUpperCaseLettersAndUnderscoresNameADirective() {
        assertNull(DirectiveParser.parseLine("//DEPS2 a:b:1", "f", 1));
        assertNull(DirectiveParser.parseLine("//DEPS:a:b:1", "f", 1));
        assertNull(DirectiveParser.parseLine("//DEPS\u00a0a:b:1", "f", 1));
        assertNull(DirectiveParser.parseLine("/*DEPS a:b:1", "f", 1));
        assertNull(DirectiveParser.parseLine("//_ x", "f", 1));
        assertEquals("JAVA_OPTIONS", DirectiveParser.parseLine("//JAVA_OPTIONS -Xmx1g", "f", 1).name());
    }

    @Test
    void jbangsIgnoredDirectivesAreKeptAndEveryRefusedOneIsRefused() {
        List<Directive> ds = DirectiveParser.parse(List.of("//GAV a:b:1", "//DOCS https://x", "//CDS", "//NATIVE_OPTIONS -O2"), "s.java");
        assertEquals(List.of("GAV", "DOCS", "CDS", "NATIVE_OPTIONS"), ds.stream().map(Directive::name).toList());
        assertEquals(List.of(1, 2, 3, 4), ds.stream().map(Directive::line).toList());
        for (String refused : List.of("MODULE", "KOTLIN", "GROOVY")) {
            JrunException e = assertThrows(JrunException.class,
                    () -> DirectiveParser.parse(List.of("//DEPS a:b:1", "", "//" + refused + " x"), "t.java"));
            assertEquals(dev.jrun.ExitCode.SCRIPT, e.status());
            assertTrue(e.getMessage().startsWith("t.java:3: //" + refused + ": not supported"), e.getMessage());
        }
    }
}
