package dev.jrun.compile;

import dev.jrun.script.Script;
import java.nio.file.Path;

/**
 * Where the classes of a several-file program are looked for, as the JDK's source launcher does
 * since JEP 458: the script's directory, or for a script in package {@code a.b} the directory that
 * holds {@code a/b}. Like {@code java}, a script whose first line is {@code #!} has none (it is a
 * script among others in a directory of commands), and neither has a script read from standard
 * input. Unlike {@code java}, a package that its path does not end in is not an error (jrun ran
 * such scripts before): the script then has no source root.
 */
final class SourceRoot {
    private SourceRoot() {
    }

    /** The root for {@code script}, or null. Relative to its real directory, as //SOURCES are. */
    static Path of(Script script) {
        if (script.name().equals("<stdin>") || script.realPath() == null || script.dir() == null
                || (!script.lines().isEmpty() && script.lines().get(0).startsWith("#!"))) {
            return null;
        }
        String pkg = packageOf(script.text());
        Path dir = script.dir();
        if (pkg.isEmpty()) {
            return dir;
        }
        Path path = Path.of(pkg.replace('.', '/'));
        if (!dir.endsWith(path)) {
            return null;
        }
        Path root = dir;
        for (int i = 0; i < path.getNameCount(); i++) {
            root = root.getParent();
        }
        return root;
    }

    /** Why a script that is a file has no source root, or null if it has one (or is not a file). */
    static String whyNone(Script script) {
        if (script.name().equals("<stdin>") || script.realPath() == null || script.dir() == null || of(script) != null) {
            return null;
        }
        if (!script.lines().isEmpty() && script.lines().get(0).startsWith("#!")) {
            return "the script's first line is #!";
        }
        return "its package " + packageOf(script.text()) + " is not its directory's";
    }

    /**
     * The script's package as its {@code package} line names it, "" for none: the first token
     * after white space, comments and annotations.
     */
    static String packageOf(String text) {
        int i = skip(text, 0);
        while (i < text.length() && text.charAt(i) == '@') {
            // an annotation, with its arguments if any (package annotations belong in package-info,
            // but a class's annotations come here too)
            i = skip(text, word(text, skip(text, i + 1)));
            if (i < text.length() && text.charAt(i) == '(') {
                int depth = 0;
                for (; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')' && --depth == 0) {
                        i++;
                        break;
                    }
                }
            }
            i = skip(text, i);
        }
        if (!text.startsWith("package", i) || i + 7 >= text.length()
                || Character.isJavaIdentifierPart(text.charAt(i + 7))) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        i = skip(text, i + 7);
        while (i < text.length() && text.charAt(i) != ';') {
            char c = text.charAt(i);
            if (Character.isJavaIdentifierPart(c) || c == '.') {
                name.append(c);
                i++;
            } else {
                i = skip(text, i);
                if (i < text.length() && text.charAt(i) != ';' && !Character.isJavaIdentifierPart(text.charAt(i))
                        && text.charAt(i) != '.') {
                    return ""; // not a package line javac would accept: javac says so
                }
            }
        }
        return name.toString();
    }

    /** The end of the (dotted) name at {@code i}. */
    private static int word(String text, int i) {
        while (i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    /** The first position from {@code i} that is not white space or a comment. */
    private static int skip(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                return i;
            }
        }
        return i;
    }
}
