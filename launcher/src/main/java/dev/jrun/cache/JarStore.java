package dev.jrun.cache;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * Verified copies of dependency jars, {@code ROOT/jars/SHA256.jar}, read-only and inside the
 * private cache root. A build copies each jar of its class path here while hashing the copy (so the
 * bytes checked against a lock file are the bytes that run, and a jar replaced in the local
 * repository later changes nothing), then hard-links it into its own {@code lib/}. A copy no build
 * links to any more (link count 1) is collected by {@link CacheGc}.
 */
public final class JarStore {
    private final Path dir;

    JarStore(Path root) {
        this.dir = root.resolve("jars");
    }

    /**
     * Links a verified copy of {@code jar} at {@code link}.
     *
     * @param expectedSha256 the lock file's hash for it, or null when the script has no lock file
     * @param what           how messages name it (its coordinates)
     */
    public void link(Path jar, Path link, String expectedSha256, String what) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "copy-", ".tmp");
        try {
            MessageDigest md = Hashing.sha256();
            try (InputStream in = Files.newInputStream(jar); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String sha = Hashing.hex(md);
            if (expectedSha256 != null && !expectedSha256.equals(sha)) {
                throw new JrunException(ExitCode.DEPENDENCY, what + ": " + jar + " has SHA-256 " + sha
                        + ", the lock file says " + expectedSha256 + "; delete that file to fetch it again, or,"
                        + " if the new one is trusted, run 'jrun lock' on the script again");
            }
            Path stored = dir.resolve(sha + ".jar");
            Durable.sync(tmp);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            for (int attempt = 0; ; attempt++) {
                if (!Files.exists(stored)) {
                    Files.move(tmp, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                try {
                    Files.createLink(link, stored);
                    return;
                } catch (NoSuchFileException collected) {
                    // the collection removed it between the test and the link: store this copy
                    if (attempt > 2) {
                        throw collected;
                    }
                } catch (FileAlreadyExistsException twice) {
                    return; // the same jar twice on the class path
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
