package dev.jrun.deps;

import dev.jrun.script.Directive;

/**
 * One dependency as a script names it, JBang's form {@code group:artifact[:version[:classifier]][@type]}.
 * A version {@code 1.2+} means "1.2 or newer" (the range {@code [1.2,)}); a Maven range such as
 * {@code [1.0,2.0)} is taken as it is. Type {@code pom} imports a BOM, {@code fatjar} is a jar
 * whose own dependencies are not fetched, anything else is the file's extension.
 *
 * @param groupId    the group
 * @param artifactId the artifact
 * @param version    the version or range, or null when a BOM is to supply it
 * @param classifier the classifier, or ""
 * @param type       the type: jar, pom, fatjar, or another extension
 * @param directive  the line that names it
 */
public record Coordinate(String groupId, String artifactId, String version, String classifier, String type,
        Directive directive) {

    static final String FORM = "group:artifact:version[:classifier][@type], e.g. info.picocli:picocli:4.7.7";
    private static final String NAME = "[A-Za-z0-9_.\\-]+";

    /** Parses {@code text} (already substituted) from {@code d}, failing with an error that names the line. */
    static Coordinate parse(String text, Directive d) {
        String type = "jar";
        String gav = text;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            type = text.substring(at + 1);
            gav = text.substring(0, at);
            if (!type.matches("[A-Za-z0-9_\\-]+")) {
                throw malformed(text, d, "'@" + type + "' is not a type");
            }
        }
        String[] parts = gav.split(":", -1);
        if (parts.length < 2 || parts.length > 4) {
            throw malformed(text, d, null);
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw malformed(text, d, "part " + (i + 1) + " is empty");
            }
        }
        if (!parts[0].matches(NAME) || !parts[1].matches(NAME)) {
            throw malformed(text, d, "a group or artifact may hold only letters, digits, '.', '-' and '_'");
        }
        String version = parts.length > 2 ? version(parts[2], text, d) : null;
        String classifier = parts.length > 3 ? parts[3] : "";
        if (!classifier.isEmpty() && !classifier.matches(NAME)) {
            throw malformed(text, d, "'" + classifier + "' is not a classifier");
        }
        return new Coordinate(parts[0], parts[1], version, classifier, type, d);
    }

    private static String version(String v, String text, Directive d) {
        if (v.endsWith("+")) {
            String base = v.substring(0, v.length() - 1);
            if (!base.matches("[0-9A-Za-z][0-9A-Za-z.\\-_]*")) {
                throw malformed(text, d, "'" + v + "' is not a version range; write 1.2+ for 1.2 or newer");
            }
            return "[" + base + ",)";
        }
        if (v.startsWith("[") || v.startsWith("(")) {
            if (!v.matches("[\\[(][^\\[\\]()]*[\\])](,[\\[(][^\\[\\]()]*[\\])])*")) {
                throw malformed(text, d, "'" + v + "' is not a Maven version range such as [1.0,2.0)");
            }
            return v;
        }
        if (!v.matches("[0-9A-Za-z][0-9A-Za-z.\\-_]*")) {
            throw malformed(text, d, "'" + v + "' is not a version");
        }
        return v;
    }

    private static RuntimeException malformed(String text, Directive d, String why) {
        return d.error("'" + text + "' is not a dependency" + (why == null ? "" : " (" + why + ")")
                + "; write " + FORM);
    }

    /** Imports a BOM's managed versions. */
    boolean isBom() {
        return type.equals("pom");
    }

    /** A jar without its dependencies. */
    boolean isFat() {
        return type.equals("fatjar");
    }

    /** The file extension Maven stores it under. */
    String extension() {
        return isFat() ? "jar" : type;
    }

    /** {@code group:artifact} */
    String key() {
        return groupId + ":" + artifactId;
    }

    /** The coordinate in the script's form, version filled in or not. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(groupId).append(':').append(artifactId);
        if (version != null) {
            s.append(':').append(version);
            if (!classifier.isEmpty()) {
                s.append(':').append(classifier);
            }
        }
        if (!type.equals("jar")) {
            s.append('@').append(type);
        }
        return s.toString();
    }

    Coordinate withVersion(String v) {
        return new Coordinate(groupId, artifactId, v, classifier, type, directive);
    }
}
