package dev.jrun.secure;

/**
 * One thing {@code jrun check} reports, printed like a compiler message: {@code file:line: rule: message}.
 *
 * @param file    the file as the user named it
 * @param line    its line, 1-based (0: the file as a whole)
 * @param rule    the analyser's name for it (a SpotBugs bug type, {@code lint:KIND}, {@code policy})
 * @param message what is wrong
 */
public record Finding(String file, int line, String rule, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + rule + ": " + message;
    }
}
