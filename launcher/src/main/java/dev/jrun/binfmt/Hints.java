package dev.jrun.binfmt;

/** What to tell a user who cannot have binfmt_misc: the command to run as root, and the first lines that work without it. */
public final class Hints {
    /** The two first lines that make a .java file executable without binfmt_misc. */
    static final String FALLBACKS = "or start scripts with the line '#!/usr/bin/env jrun' (runs from anywhere, but is"
            + " not Java to other tools) or '///usr/bin/env jrun \"$0\" \"$@\" ; exit $?' (valid Java, runs from a"
            + " shell only)";

    static final String NO_BINFMT = "this kernel or container has no usable binfmt_misc; " + FALLBACKS;

    private Hints() {
    }

    /** {@code command}: the register command line to run as root. */
    public static String notRoot(String command) {
        return "registering needs root: run 'sudo " + command + "'; " + FALLBACKS;
    }
}
