package dev.jrun.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** fsync for files and directories: what is published must survive a power cut whole. */
final class Durable {
    private Durable() {
    }

    /** Forces a file's or a directory's content (a directory's: its names) to the disk. */
    static void sync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Forces every file and directory of a tree, the deepest first, the top last. */
    static void syncTree(Path top) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(top)) {
            all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                sync(p);
            }
        }
    }
}
