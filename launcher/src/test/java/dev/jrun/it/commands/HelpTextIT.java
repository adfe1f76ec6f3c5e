package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jrun.it.Jrun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every --help reads as sentences: lines are broken where the width runs out, never in the middle of one. */
class HelpTextIT {
    static final int WIDTH = 80; // picocli's when the output is not a terminal; its lines are shorter

    @ParameterizedTest
    @ValueSource(strings = {"", "init", "info", "jdks", "jdk", "jdk install", "jdk default", "app", "app install", "cache", "cache list", "cache gc", "export maven",
        "lock", "binfmt", "binfmt register", "binfmt unregister", "binfmt status", "server", "server status", "server stop"})
    void helpBreaksLinesOnlyWhereTheyAreFull(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Jrun.Result r = Jrun.cmd(args.toArray(String[]::new)).run();
        assertEquals(0, r.status(), r.toString());
        List<String> lines = r.out().lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i);
            String next = lines.get(i + 1);
            if (line.isBlank() || line.startsWith(" ") || next.isEmpty() || !Character.isLowerCase(next.charAt(0))) {
                continue;
            }
            String word = next.split(" ")[0];
            assertFalse(line.length() + 1 + word.length() < WIDTH,
                    "'jrun " + command + " --help' breaks a sentence early:\n" + line + "\n" + next + "\n\n" + r.out());
        }
    }
}
