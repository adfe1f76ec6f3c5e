package dev.jrun.jdk;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.plan.OwnJdks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and removes {@code jrun jdk default}'s file (see {@link OwnJdks}), atomically. */
public final class DefaultJdk {
    private DefaultJdk() {
    }

    /** Records {@code home} as the default JDK: a temp file beside the setting, renamed over it. */
    public static void set(OwnJdks own, Path home) {
        Path file = own.defaultFile();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".default-jdk-", ".tmp");
            try {
                Files.writeString(tmp, home + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, file + ": cannot write it (" + Disco.reason(e)
                    + "); check that the directory is yours (or set XDG_CONFIG_HOME)");
        }
    }

    /** Forgets the setting: the default is JAVA_HOME's or PATH's again. False if there was none. */
    public static boolean clear(OwnJdks own) {
        try {
            return Files.deleteIfExists(own.defaultFile());
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, own.defaultFile() + ": cannot remove it (" + Disco.reason(e)
                    + "); check that it is yours");
        }
    }
}
