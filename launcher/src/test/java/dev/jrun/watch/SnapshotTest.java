package dev.jrun.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.plan.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aSaveByRenameANewFileOfAGlobAndADeletionAreChanges() throws Exception {
        Path a = dir.resolve("a.java");
        Files.writeString(a, "class a {}\n");
        InputFiles files = new InputFiles(List.of(a), List.of(new InputFiles.Glob(dir, "lib/*.java")));
        Snapshot before = Snapshot.of(files);
        assertEquals(Optional.empty(), Snapshot.of(files).changedSince(before));

        // the same bytes, the same size: an editor's save writes a new file and renames it over the old one
        Path tmp = dir.resolve(".a.java.swp");
        Files.writeString(tmp, "class a {}\n");
        Files.move(tmp, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Snapshot saved = Snapshot.of(files);
        assertEquals(Optional.of(a.toString()), saved.changedSince(before));

        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/B.java"), "class B {}\n");
        Snapshot added = Snapshot.of(files);
        assertEquals(Optional.of("lib/*.java"), added.changedSince(saved));

        Files.delete(a);
        assertEquals(Optional.of(a.toString()), Snapshot.of(files).changedSince(added));
    }
}
