package dev.jrun.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a directive's value into words the way a POSIX shell does, without expansions: white
 * space separates words, single quotes keep everything, double quotes keep everything but
 * backslash escapes, a backslash outside quotes escapes the next character.
 */
final class Words {
    private Words() {
    }

    static List<String> split(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = value.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote; close it or escape it as \\'");
                }
                word.append(value, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    char d = value.charAt(i);
                    if (d == '\\' && i + 1 < value.length() && "\"\\$`".indexOf(value.charAt(i + 1)) >= 0) {
                        d = value.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                if (i >= value.length()) {
                    throw new IllegalArgumentException("unterminated \" quote; close it or escape it as \\\"");
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < value.length()) {
                word.append(value.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code value} as one single-quoted word that {@link #split} gives back unchanged. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
