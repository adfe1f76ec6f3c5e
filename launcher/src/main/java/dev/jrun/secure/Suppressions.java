package dev.jrun.secure;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding someone has looked at and judged harmless is marked in the source, as gosec's
 * {@code #nosec}: a comment {@code jrun:nosec} on the finding's line or the line before, optionally
 * followed by the rules it is about ({@code jrun:nosec COMMAND_INJECTION,PATH_TRAVERSAL_IN why}).
 */
final class Suppressions {
    static final String MARK = "jrun:nosec";
    private static final Pattern RULES = Pattern.compile("\\s+([A-Z][A-Z0-9]*_[A-Z0-9_]*(?:,[A-Z][A-Z0-9]*_[A-Z0-9_]*)*)\\b");

    private Suppressions() {
    }

    /** Is {@code f} marked, given each unit's lines by name? */
    static boolean suppressed(Finding f, Map<String, List<String>> lines) {
        List<String> text = lines.get(f.file());
        if (text == null || f.line() <= 0) {
            return false;
        }
        for (int n = f.line(); n >= Math.max(1, f.line() - 1); n--) {
            if (n <= text.size() && marks(text.get(n - 1), f.rule())) {
                return true;
            }
        }
        return false;
    }

    static boolean marks(String line, String rule) {
        int at = line.indexOf(MARK);
        if (at < 0) {
            return false;
        }
        Matcher m = RULES.matcher(line.substring(at + MARK.length()));
        return !m.lookingAt() || List.of(m.group(1).split(",")).contains(rule);
    }
}
