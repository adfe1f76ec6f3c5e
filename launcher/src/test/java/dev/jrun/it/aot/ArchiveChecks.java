package dev.jrun.it.aot;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the archive tests read: a script's class loading log, and an entry's archive maker log. */
final class ArchiveChecks {
    /** A directive that makes the script's JVM say where each class came from. */
    static final String LOG = "//JAVA_OPTIONS -Xlog:class+load=info\n";

    private ArchiveChecks() {
    }

    /** The maker's log of the build, for a failure's message ("" if none). */
    static String log(Path entry) throws IOException {
        Path log = entry.resolve("aot.log");
        return Files.exists(log) ? "\n" + Files.readString(log) : "";
    }

    /** Whether the run (with {@link #LOG}) took class {@code cls} from the archive. */
    static boolean fromArchive(Jrun.Result r, String cls) {
        return r.out().lines().anyMatch(l -> l.endsWith("] " + cls + " source: shared objects file"));
    }

    /** Whether the run (with {@link #LOG}) loaded class {@code cls} at all. */
    static boolean loaded(Jrun.Result r, String cls) {
        return r.out().lines().anyMatch(l -> l.contains("] " + cls + " source: "));
    }
}
