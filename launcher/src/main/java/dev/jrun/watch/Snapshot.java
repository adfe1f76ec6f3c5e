package dev.jrun.watch;

import dev.jrun.plan.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of watched files at one moment: each file's modification time, size and identity (an
 * editor that saves by writing a new file and renaming it over the old one makes a new inode), and
 * what each glob matches. Paths are looked up anew each time, so a file replaced is noticed.
 */
record Snapshot(List<State> states) {

    /** One file's state (all null: missing), or one glob's matches. */
    record State(String name, Object modified, long size, Object key, List<Path> matches) {
    }

    static Snapshot of(InputFiles inputs) {
        List<State> states = new ArrayList<>();
        for (Path file : inputs.files()) {
            states.add(state(file));
        }
        for (InputFiles.Glob glob : inputs.globs()) {
            states.add(new State(glob.pattern(), null, 0, null, glob.matches()));
        }
        return new Snapshot(List.copyOf(states));
    }

    private static State state(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new State(Names.of(file), a.lastModifiedTime(), a.size(), a.fileKey(), null);
        } catch (IOException e) {
            return new State(Names.of(file), null, -1, null, null);
        }
    }

    /** The name of a file or glob that differs from {@code earlier} (which watched the same), if any. */
    Optional<String> changedSince(Snapshot earlier) {
        for (int i = 0; i < states.size(); i++) {
            if (i >= earlier.states.size() || !states.get(i).equals(earlier.states.get(i))) {
                return Optional.of(states.get(i).name());
            }
        }
        return states.size() == earlier.states.size() ? Optional.empty() : Optional.of("a watched file");
    }
}
