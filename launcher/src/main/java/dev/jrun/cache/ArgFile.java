package dev.jrun.cache;

import java.util.List;

/**
 * The java launcher's {@code @argfile} format: one argument a line, each in double quotes, with
 * backslash escapes for the characters the launcher would otherwise take as syntax.
 */
public final class ArgFile {
    private ArgFile() {
    }

    public static String format(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append('"');
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\f' -> out.append("\\f");
                    default -> out.append(c);
                }
            }
            out.append("\"\n");
        }
        return out.toString();
    }
}
