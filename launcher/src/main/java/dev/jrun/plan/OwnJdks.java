package dev.jrun.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where jrun keeps the JDKs it installed ({@code jrun jdk install}) and the user's choice of default
 * JDK ({@code jrun jdk default}): {@code $XDG_DATA_HOME/jrun/jdks/N} (else
 * {@code ~/.local/share/jrun/jdks/N}), one directory per feature release, and
 * {@code $XDG_CONFIG_HOME/jrun/default-jdk} (else {@code ~/.config/jrun/default-jdk}), the home of the
 * default JDK on one line.
 *
 * @param dir         the directory of jrun's own JDKs
 * @param defaultFile the file naming the default JDK's home
 */
public record OwnJdks(Path dir, Path defaultFile) {

    public static OwnJdks of(Map<String, String> env) {
        Path home = dev.jrun.UserDirs.home(env);
        return new OwnJdks(dev.jrun.UserDirs.data(env, home).resolve("jdks"),
                dev.jrun.UserDirs.config(env, home).resolve("default-jdk"));
    }

    /** Where jrun installs JDK {@code major}. */
    public Path home(int major) {
        return dir.resolve(Integer.toString(major));
    }

    /** Is {@code home} (a real path) one of jrun's own JDKs? */
    public boolean owns(Path home) {
        try {
            Path real = Files.isDirectory(dir) ? dir.toRealPath() : dir;
            return home.startsWith(real) && home.getNameCount() == real.getNameCount() + 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** The home {@code jrun jdk default} recorded, if any (whether or not it is still a JDK). */
    public Optional<Path> configuredDefault() {
        try {
            String text = Files.readString(defaultFile).strip();
            return text.startsWith("/") && !text.contains("\n") ? Optional.of(Path.of(text)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
