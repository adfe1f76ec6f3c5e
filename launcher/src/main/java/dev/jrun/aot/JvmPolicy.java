package dev.jrun.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JVM settings a script's cached runs get beside its archive, chosen from the run that started
 * the archive's maker (the front end counts its length in 0.2 s ticks while the maker waits for it):
 * a run of a second or less gets C1 only ({@code -XX:TieredStopAtLevel=1}), which shortens a short
 * run's start by 7–10 % here (no C2 compiler to start and feed) and would cost a long run its
 * optimized code. Never for a script that looks at its own JVM (JMX, JFR, JMH: an escape-analysis
 * measurement or a benchmark would see the difference, and a child JVM that copies the input
 * arguments would inherit it). Nothing a script can observe but its speed and its input arguments; a later
 * {@code -XX:TieredStopAtLevel} in {@code //JAVA_OPTIONS} or {@code -R} wins, as the front end puts
 * this first. Made again with the archive, after each build. Written as {@value #FILE}: a line
 * {@code c1 WHY} or {@code none WHY}, read by the front end with a shell builtin.
 */
final class JvmPolicy {
    static final String FILE = "jvm.policy";
    /** 0.2 s ticks: a run this short or shorter is short. */
    static final int SHORT_TICKS = 5;

    private JvmPolicy() {
    }

    /**
     * The policy line for a run that lasted {@code ticks} of the front end's 0.2 s ticks (MAX_VALUE:
     * not measured), of a script that does or does not look at its own JVM.
     */
    static String of(int ticks, boolean introspects) {
        if (introspects) {
            return "none: the script looks at its own JVM (JMX, JFR, JMH): its compilers stay as they are";
        }
        if (ticks == Integer.MAX_VALUE) {
            return "none: the run was not measured";
        }
        String took = "its measured run took about " + (ticks * 2 / 10.0) + " s";
        return ticks <= SHORT_TICKS ? "c1 C1 only: " + took : "none: " + took;
    }

    static void write(Path build, String policy) throws IOException {
        Path tmp = build.resolve(FILE + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, policy + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, build.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
