package dev.jrun.plan;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a build reads, as paths to watch: the script, its //SOURCES and //FILES, and the globs
 * that named some of them, since a file that starts or stops matching a glob changes the build too.
 *
 * @param files the files, the script first
 * @param globs the globs
 */
public record InputFiles(List<Path> files, List<Glob> globs) {

    /** Just one file: what is watched of a script whose directives cannot be read. */
    public static InputFiles of(Path file) {
        return new InputFiles(List.of(file), List.of());
    }

    /**
     * A //SOURCES or //FILES glob.
     *
     * @param dir     the directory it is relative to
     * @param pattern the glob, as written
     */
    public record Glob(Path dir, String pattern) {
        /** The files it matches now, sorted; none when its directory cannot be listed. */
        public List<Path> matches() {
            try {
                return InputCollector.glob(dir, pattern);
            } catch (UncheckedIOException e) {
                return List.of();
            }
        }
    }
}
