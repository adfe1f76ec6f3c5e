package dev.jrun.script;

import dev.jrun.Similar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds the directives in a file's lines. */
public final class DirectiveParser {
    /** The directives jrun acts on; any other {@code //WORD} line is an ordinary comment. */
    static final Set<String> KNOWN = Set.of(
            "DEPS", "REPOS", "JAVA", "JAVA_OPTIONS", "RUNTIME_OPTIONS", "COMPILE_OPTIONS", "JAVAC_OPTIONS",
            "SOURCES", "FILES", "MAIN", "PREVIEW", "DESCRIPTION", "MANIFEST", "NOAOT", "JAVAAGENT",
            // JBang's, accepted and ignored: they change nothing about how a script runs here
            "GAV", "DOCS", "CDS", "NOINTEGRATIONS", "NATIVE_OPTIONS",
            // JBang's, refused: running them differently would be worse than saying so
            "MODULE", "KOTLIN", "GROOVY");
    private static final Set<String> REFUSED = Set.of("MODULE", "KOTLIN", "GROOVY");

    private DirectiveParser() {
    }

    /** The directives in {@code lines} of the file called {@code file}. */
    public static List<Directive> parse(List<String> lines, String file) {
        List<Directive> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Directive d = parseLine(lines.get(i), file, i + 1);
            if (d != null) {
                if (REFUSED.contains(d.name())) {
                    throw d.error(d.name().equals("MODULE")
                            ? "not supported by jrun, which runs scripts on the class path; remove the line (the code then runs in the unnamed module), or run the script with JBang"
                            : "not supported: jrun runs Java only; run " + d.name().charAt(0) + d.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " scripts with JBang");
                }
                found.add(d);
            }
        }
        return found;
    }

    static Directive parseLine(String line, String file, int number) {
        if (!line.startsWith("//") || line.length() < 3) {
            return null;
        }
        int end = 2;
        while (end < line.length() && isNameChar(line.charAt(end))) {
            end++;
        }
        if (end == 2 || (end < line.length() && !Character.isWhitespace(line.charAt(end)))) {
            return null;
        }
        String name = line.substring(2, end);
        if (!KNOWN.contains(name)) {
            return null;
        }
        return new Directive(name, line.substring(end).strip(), file, number);
    }

    /**
     * Warnings for {@code //NAME} lines that look like a mistyped directive ({@code //DEP} for
     * {@code //DEPS}): they are comments, and the build that reads them says so, naming the line.
     */
    public static List<String> lookalikes(List<String> lines, String file) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("//") || parseLine(line, file, i + 1) != null) {
                continue;
            }
            int end = 2;
            while (end < line.length() && isNameChar(line.charAt(end))) {
                end++;
            }
            if (end > 3 && (end == line.length() || Character.isWhitespace(line.charAt(end)))) {
                String name = line.substring(2, end);
                int number = i + 1;
                Similar.closest(name, KNOWN).ifPresent(known -> warnings.add(file + ":" + number + ": //" + name
                        + " is not a directive, so this line is a comment; did you mean //" + known + "?"));
            }
        }
        return warnings;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || c == '_';
    }
}
