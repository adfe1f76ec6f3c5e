package dev.jrun.script;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.util.List;

/**
 * One {@code //NAME value} line of a script, JBang's syntax: the line starts at column 0 with
 * {@code //}, an upper-case name, then white space or the end of the line.
 *
 * @param name  the directive's name, {@code DEPS}
 * @param value the rest of the line, trimmed
 * @param file  the file's name for messages
 * @param line  its line number, from 1
 */
public record Directive(String name, String value, String file, int line) {

    /**
     * A directive given on jrun's command line ({@code --deps g:a:v} is //DEPS g:a:v): its value is
     * one word, its line 0, and the option stands in for a file name, so that errors name the option.
     */
    public static Directive ofOption(String name, String value, String option) {
        return new Directive(name, Words.quote(value), option, 0);
    }

    /** {@code word} quoted so that {@link #words()} gives it back as one word, unchanged. */
    public static String quote(String word) {
        return Words.quote(word);
    }

    /** {@code file:line} for messages, or the option for one from the command line. */
    public String where() {
        return line == 0 ? file : file + ":" + line;
    }

    /** The value split like a shell would split it: white space separates, quotes group. */
    public List<String> words() {
        try {
            return Words.split(value);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** An error about this directive, naming its file and line. */
    public JrunException error(String what) {
        return new JrunException(ExitCode.SCRIPT, where() + ": " + (line == 0 ? "" : "//" + name + ": ") + what);
    }
}
