package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void whiteSpaceOfAnyKindSeparates() {
        assertEquals(List.of("a", "b", "c"), Words.split(" a\tb \t  c  "));
        assertEquals(List.of(), Words.split(""));
    }

    @Test
    void quotesJoinWithTheTextAroundThem() {
        assertEquals(List.of("abc"), Words.split("a'b'c"));
        assertEquals(List.of("-Dx=a b"), Words.split("-Dx='a b'"));
        assertEquals(List.of("-Dx=a b"), Words.split("-Dx=\"a b\""));
        assertEquals(List.of("", ""), Words.split("'' \"\""));
    }

    @Test
    void singleQuotesKeepEverything() {
        assertEquals(List.of("\\n \"$HOME\" \\"), Words.split("'\\n \"$HOME\" \\'"));
    }

    @Test
    void doubleQuotesKeepAllButTheirOwnBackslashEscapes() {
        assertEquals(List.of("a\"b\\c$d`e"), Words.split("\"a\\\"b\\\\c\\$d\\`e\""));
        // a backslash before any other character stays, as in sh
        assertEquals(List.of("C:\\dir\\n"), Words.split("\"C:\\dir\\n\""));
        assertEquals(List.of("it's"), Words.split("\"it's\""));
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "'", "\""), Words.split("a\\ b \\' \\\""));
        // at the very end it has nothing to escape and is kept
        assertEquals(List.of("a\\"), Words.split("a\\"));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertEquals("unterminated \" quote; close it or escape it as \\\"",
                assertThrows(IllegalArgumentException.class, () -> Words.split("a \"b c")).getMessage());
        assertEquals("unterminated ' quote; close it or escape it as \\'",
                assertThrows(IllegalArgumentException.class, () -> Words.split("it's")).getMessage());
        // an escaped closing quote does not close
        assertThrows(IllegalArgumentException.class, () -> Words.split("\"a\\\""));
    }

    @Test
    void aDirectivesWordsErrorNamesItsLine() {
        Directive d = new Directive("JAVA_OPTIONS", "-Dx='open", "s.java", 4);
        JrunException e = assertThrows(JrunException.class, d::words);
        assertEquals(ExitCode.SCRIPT, e.status());
        assertEquals("s.java:4: //JAVA_OPTIONS: unterminated ' quote; close it or escape it as \\'", e.getMessage());
        assertEquals(List.of("-Xmx1g", "-Dname=a b"), new Directive("JAVA_OPTIONS", "-Xmx1g '-Dname=a b'", "s.java", 5).words());
    }
}
