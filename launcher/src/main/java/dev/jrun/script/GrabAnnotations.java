package dev.jrun.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Groovy Grape's {@code @Grab}, {@code @Grapes} and {@code @GrabResolver} annotations, which
 * JBang also reads in {@code .java} files, as the //DEPS and //REPOS lines they stand for, each with
 * the line where its annotation starts. {@code @Grapes} needs nothing of its own: the {@code @Grab}s
 * inside it are found like any other. Comments and string literals outside the annotations are
 * skipped, so a mention in either is not a dependency.
 */
public final class GrabAnnotations {
    private GrabAnnotations() {
    }

    /** The DEPS and REPOS directives the annotations in {@code text} (a file called {@code file}) stand for. */
    public static List<Directive> parse(String text, String file) {
        List<Directive> found = new ArrayList<>();
        if (!text.contains("@Grab")) {
            return found; // the common case costs one scan
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && text.startsWith("//", i)) {
                i = skipTo(text, "\n", i + 2);
            } else if (c == '/' && text.startsWith("/*", i)) {
                i = skipTo(text, "*/", i + 2);
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(text, i);
            } else if (c == '@' && (text.startsWith("@Grab(", i) || text.startsWith("@GrabResolver(", i)
                    || text.startsWith("@groovy.lang.Grab(", i) || text.startsWith("@groovy.lang.GrabResolver(", i))) {
                int open = text.indexOf('(', i);
                int close = closing(text, open);
                String name = text.substring(i + 1, open).replace("groovy.lang.", "");
                int line = lineOf(text, i);
                Directive where = new Directive(name.equals("Grab") ? "DEPS" : "REPOS", "", file, line);
                Map<String, String> args = arguments(text.substring(open + 1, close), where, name);
                found.add(name.equals("Grab") ? dependency(args, where) : repository(args, where));
                // the annotation's arguments are done; a nested @Grab (in @Grapes) is found as the scan goes on
                i = open + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    private static Directive dependency(Map<String, String> a, Directive where) {
        String gav = a.get("value");
        if (gav == null) {
            String group = a.getOrDefault("group", a.get("groupId"));
            String module = a.getOrDefault("module", a.get("artifactId"));
            String version = a.getOrDefault("version", a.get("revision"));
            if (group == null || module == null) {
                throw where.error("@Grab needs group and module (or \"group:module:version\"); write"
                        + " @Grab(group=\"org.example\", module=\"lib\", version=\"1.0\")");
            }
            gav = group + ":" + module + (version == null ? "" : ":" + version)
                    + (a.containsKey("classifier") ? ":" + a.get("classifier") : "");
        }
        // one word, quoted so that a range such as [1.0,2.0) stays whole when the line is split
        return new Directive("DEPS", Words.quote(gav), where.file(), where.line());
    }

    private static Directive repository(Map<String, String> a, Directive where) {
        String root = a.getOrDefault("root", a.get("value"));
        if (root == null) {
            throw where.error("@GrabResolver needs a root; write @GrabResolver(name=\"id\", root=\"https://...\")");
        }
        String name = a.get("name");
        return new Directive("REPOS", Words.quote(name == null || root.equals(name) ? root : name + "=" + root),
                where.file(), where.line());
    }

    /** {@code name="value"} pairs (a lone {@code "value"} is value's), string literals only. */
    private static Map<String, String> arguments(String body, Directive where, String annotation) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String part : splitTopLevel(body)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String key = "value";
            int eq = p.indexOf('=');
            int quote = Math.min(p.indexOf('"') < 0 ? Integer.MAX_VALUE : p.indexOf('"'),
                    p.indexOf('\'') < 0 ? Integer.MAX_VALUE : p.indexOf('\''));
            if (eq >= 0 && eq < quote) {
                key = p.substring(0, eq).strip();
                p = p.substring(eq + 1).strip();
            }
            if (p.length() < 2 || (p.charAt(0) != '"' && p.charAt(0) != '\'') || p.charAt(p.length() - 1) != p.charAt(0)) {
                if (key.equals("transitive") || key.equals("initClass") || key.equals("changing") || key.equals("force")
                        || key.equals("m2Compatible")) {
                    continue; // Grape's switches change nothing here
                }
                throw where.error("@" + annotation + "(" + part.strip() + "): jrun reads string values only;"
                        + " write the dependency as \"group:module:version\" or use //DEPS");
            }
            args.put(key, p.substring(1, p.length() - 1));
        }
        return args;
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(body, i) - 1;
            } else if (c == ',') {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    /** The index of the ')' that closes the '(' at {@code open}, string literals skipped. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The index just after the string or char literal that starts at {@code i}. */
    private static int skipLiteral(String text, int i) {
        char q = text.charAt(i);
        if (q == '"' && text.startsWith("\"\"\"", i)) {
            return skipTo(text, "\"\"\"", i + 3);
        }
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == q || c == '\n') {
                return j + 1;
            }
        }
        return text.length();
    }

    private static int skipTo(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
