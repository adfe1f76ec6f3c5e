package dev.jrun.plan;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;

/**
 * No installed JDK satisfies what //JAVA or --java asks for, one that {@code jrun jdk install} could
 * install: the builder offers to, on a terminal.
 */
public final class MissingJdk extends JrunException {
    private static final long serialVersionUID = 1L;
    private final int release;

    public MissingJdk(String message, int release) {
        super(ExitCode.NO_JDK, message);
        this.release = release;
    }

    /** The feature release that would satisfy the script: 21 for //JAVA 21 and //JAVA 21+. */
    public int release() {
        return release;
    }
}
