package dev.jrun.cache;

/** Quoting for POSIX sh. */
public final class Sh {
    private Sh() {
    }

    /** {@code s} as one sh word, in single quotes. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
