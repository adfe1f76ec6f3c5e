package dev.jrun.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The settings of the terminal on standard input ({@code stty -g}), saved at the start, so that a
 * run stopped in the middle (with echo off, or in raw mode) leaves the terminal as it was.
 */
final class Terminal {
    private final String saved;

    private Terminal(String saved) {
        this.saved = saved;
    }

    /** The terminal's settings now; none when standard input is not a terminal. */
    static Terminal save() {
        try {
            Process stty = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Terminal(stty.waitFor() == 0 && !out.isEmpty() ? out : null);
        } catch (IOException e) {
            return new Terminal(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Terminal(null);
        }
    }

    void restore() {
        if (saved == null) {
            return;
        }
        try {
            new ProcessBuilder(List.of("stty", saved)).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            // no stty: nothing to restore with
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
