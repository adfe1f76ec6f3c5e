package dev.jrun.secure;

import java.util.List;

/**
 * Rewrites versions on //DEPS lines in a file's text, keeping every other character as it was (line
 * ends, spacing, comments, the rest of the line).
 */
final class DepsRewriter {

    /**
     * Replaces {@code from} ({@code group:artifact:version}) by {@code to} on line {@code line} (1-based),
     * where it stands as a whole coordinate.
     */
    record Edit(int line, String from, String to) {
    }

    private DepsRewriter() {
    }

    /** The text with every edit made; an edit whose coordinate is not on its line is left out (see {@link #applies}). */
    static String apply(String text, List<Edit> edits) {
        String out = text;
        for (Edit e : edits) {
            int[] span = find(out, e);
            if (span != null) {
                out = out.substring(0, span[0]) + e.to() + out.substring(span[1]);
            }
        }
        return out;
    }

    /** Is {@code e}'s coordinate written out on its line (not built from ${...})? */
    static boolean applies(String text, Edit e) {
        return find(text, e) != null;
    }

    /** The text of line {@code n} (1-based), without its line end. */
    static String line(String text, int n) {
        int start = lineStart(text, n);
        if (start < 0) {
            return null;
        }
        int end = text.indexOf('\n', start);
        String l = end < 0 ? text.substring(start) : text.substring(start, end);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    private static int[] find(String text, Edit e) {
        int start = lineStart(text, e.line());
        if (start < 0) {
            return null;
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        int at = start;
        while ((at = text.indexOf(e.from(), at)) >= 0 && at < end) {
            int after = at + e.from().length();
            boolean startOk = at == start || !coordChar(text.charAt(at - 1));
            boolean endOk = after >= end || !coordChar(text.charAt(after)) || text.charAt(after) == ':';
            if (startOk && endOk && after <= end) {
                return new int[] {at, after};
            }
            at++;
        }
        return null;
    }

    private static boolean coordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '$' || c == '{';
    }

    private static int lineStart(String text, int n) {
        int pos = 0;
        for (int i = 1; i < n; i++) {
            pos = text.indexOf('\n', pos);
            if (pos < 0) {
                return -1;
            }
            pos++;
        }
        return pos;
    }
}
