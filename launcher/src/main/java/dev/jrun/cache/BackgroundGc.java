package dev.jrun.cache;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The daily collection the builder starts by itself, in a detached process of its own. */
public final class BackgroundGc {
    /** Its modification time is when the last automatic collection started. */
    static final String STAMP = "gc.stamp";
    private static final Duration AUTO_EVERY = Duration.ofDays(1);

    private BackgroundGc() {
    }

    /**
     * Called by the builder after a build (never on a cached run): once a day, starts a collection
     * of entries unused for {@link CacheGc#DEFAULT_AGE} in a detached process, and returns at once. A new
     * cache gets its first collection a day after it was made. Never fails.
     */
    public static void startInBackground(Path root) {
        try {
            Path stamp = root.resolve(STAMP);
            if (!Files.exists(stamp)) {
                Files.createFile(stamp);
                return;
            }
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(stamp).toInstant().isAfter(now.minus(AUTO_EVERY))) {
                return;
            }
            Files.setLastModifiedTime(stamp, FileTime.from(now));
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid"); // out of the script's process group: its ^C is not ours
            }
            cmd.addAll(dev.jrun.OwnJvm.command(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BackgroundGc.class.getName(), root.toString()));
            File log = root.resolve("gc.log").toFile();
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            // collecting is a courtesy: the build it follows has succeeded
        }
    }

    /** The background collection: {@code CacheGc ROOT}. One at a time; prints what it did. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        CacheRoot.check(root);
        try (FileChannel ch = FileChannel.open(root.resolve("locks").resolve("gc.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (ch.tryLock() == null) {
                System.out.println("jrun: another collection is running");
                return;
            }
            CacheGc.Result r = new CacheGc(root).collect(CacheGc.DEFAULT_AGE, null);
            System.out.println("jrun: " + Instant.now() + ": removed " + r.removed().size() + " entries unused for "
                    + CacheGc.DEFAULT_AGE.toDays() + " days, freed " + r.freed() + " bytes; " + r.busy().size() + " being built, "
                    + r.inUse() + " builds in use");
        }
    }
}
