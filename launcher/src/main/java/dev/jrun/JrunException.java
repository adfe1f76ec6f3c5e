package dev.jrun;

/**
 * A failure jrun reports to the user as one line, {@code jrun: error: MESSAGE}, exiting with
 * {@link #status()}. The message says what is wrong, where (file:line) and what to do.
 */
public class JrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public JrunException(int status, String message) {
        super(message);
        this.status = status;
    }

    public JrunException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The exit status, one of {@link ExitCode}. */
    public int status() {
        return status;
    }
}
