package dev.jrun.plan;

/**
 * What //JAVA or --java asks for: exactly one feature release ({@code 21}) or that release or a
 * newer one ({@code 21+}).
 */
public record JavaRequirement(int version, boolean orNewer) {

    /** Parses {@code 21} or {@code 21+}; null if it is neither. */
    public static JavaRequirement parse(String text) {
        String t = text.strip();
        boolean plus = t.endsWith("+");
        if (plus) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("[1-9][0-9]{0,2}")) {
            return null;
        }
        return new JavaRequirement(Integer.parseInt(t), plus);
    }

    public boolean accepts(int major) {
        return orNewer ? major >= version : major == version;
    }

    @Override
    public String toString() {
        return version + (orNewer ? "+" : "");
    }
}
