package dev.jrun.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * Puts a checked archive in place beside its entry's build. The front end uses it only while its
 * {@code .ok} stamp exists, the archive is the {@code .made} link's inode, and it is not newer than
 * the stamp: the stamp goes first and comes last. Older archives of the build go.
 */
final class ArchivePublisher {
    private ArchivePublisher() {
    }

    /**
     * Publishes {@code tmp} as {@code archive} in {@code entry}, stamped with {@code stamp}; {@code temp}
     * names a temporary file of the maker's own (removed when it ends).
     */
    static void publish(Path entry, Path tmp, Path archive, String stamp, Function<String, Path> temp) throws IOException {
        Path ok = archive.resolveSibling(archive.getFileName() + AotMain.OK);
        Path made = archive.resolveSibling(archive.getFileName() + AotMain.MADE);
        Files.deleteIfExists(ok);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(entry, "aot-*.{jsa,jsa.ok,jsa.made}")) {
            for (Path f : old) {
                if (!f.equals(archive) && !f.equals(made)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Path link = temp.apply(made.getFileName().toString());
        Files.deleteIfExists(link);
        Files.createLink(link, tmp);
        Files.move(link, made, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path okTmp = temp.apply(ok.getFileName().toString());
        Files.writeString(okTmp, stamp, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(okTmp, PosixFilePermissions.fromString("r--r--r--"));
        FileTime made1 = Files.getLastModifiedTime(archive);
        if (Files.getLastModifiedTime(okTmp).compareTo(made1) < 0) {
            Files.setLastModifiedTime(okTmp, made1);
        }
        Files.move(okTmp, ok, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
