package dev.jrun.aot;

import dev.jrun.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Validating a new archive before it is published: a JVM of the script's JDK maps it strictly (it
 * fails rather than start without it) and checks every byte against the dump's checksums, with the
 * script's options and class path; then it is made read-only and hashed for its {@code .ok} stamp,
 * and the inputs are checked once more: nothing changed while it was made.
 */
final class ArchiveCheck {
    private ArchiveCheck() {
    }

    /** Returns the stamp the front end's checks stand on: the archive's SHA-256 and size. */
    static String check(ArchiveInputs in, Path archive, MakerJvms jvms) throws IOException, MakerFailure,
            InterruptedException, EntryGone {
        List<String> check = new ArrayList<>(List.of(in.java().toString()));
        check.addAll(in.format().strict(archive));
        check.addAll(in.options());
        check.addAll(List.of("-cp", in.classpathOption(), "-version"));
        jvms.run(check, true, "loading the new archive");
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
        String stamp = Hashing.of(archive) + " " + Files.size(archive) + "\n";
        in.verify();
        jvms.checkEntry();
        return stamp;
    }
}
