package dev.jrun.jdk;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.plan.Jdk;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.OwnJdks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Installs and removes jrun's own JDKs ({@link OwnJdks}): downloads the package the Disco API names,
 * checks its SHA-256, unpacks it into a temporary directory beside the JDKs and renames its home into
 * place as {@code jdks/N}. One install or removal at a time (a lock file in the JDKs' directory), so two
 * installs of one release end with one JDK and the second answers that it is there.
 */
public final class JdkInstaller {
    private static final String TEMP = ".tmp-";

    private final OwnJdks own;
    private final Disco disco;
    private final PrintStream err;
    private final boolean progress;

    /** An installed JDK, and whether this call installed it (false: it was there). */
    public record Installed(Jdk jdk, boolean fresh) {
    }

    /**
     * @param progress whether to show the download's progress on {@code err} (a terminal)
     */
    public JdkInstaller(OwnJdks own, Disco disco, PrintStream err, boolean progress) {
        this.own = own;
        this.disco = disco;
        this.err = err;
        this.progress = progress;
    }

    /** JDK {@code major}, installed unless jrun has it already. */
    public Installed install(int major) {
        if (major < JdkFinder.MINIMUM || major > 999) {
            throw new JrunException(ExitCode.USAGE, "jdk install " + major + ": jrun runs scripts on JDK "
                    + JdkFinder.MINIMUM + " or newer; name a release from " + JdkFinder.MINIMUM + " up (jrun jdk install 21)");
        }
        Path home = own.home(major);
        try (Lock lock = lock()) {
            Optional<Jdk> there = JdkFinder.read(home);
            if (there.isPresent()) {
                return new Installed(there.get(), false);
            }
            removeLeftovers();
            Disco.Package pkg = disco.find(major);
            Path temp = Files.createTempDirectory(own.dir(), TEMP + major + "-");
            try {
                Path archive = temp.resolve("download.tar.gz");
                download(pkg, archive);
                Path unpacked = Files.createDirectory(temp.resolve("unpacked"));
                try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 64 * 1024)) {
                    Untar.extract(in, unpacked);
                } catch (IOException e) {
                    throw new JrunException(ExitCode.REMOTE, pkg.download() + ": cannot unpack it (" + Disco.reason(e)
                            + "); nothing was installed. Try again later");
                }
                Path jdkHome = findHome(unpacked).orElseThrow(() -> new JrunException(ExitCode.REMOTE, pkg.download()
                        + ": the archive holds no JDK (no bin/java, bin/javac and release); nothing was installed"));
                Jdk jdk = JdkFinder.read(jdkHome).orElseThrow();
                if (jdk.major() != major) {
                    throw new JrunException(ExitCode.REMOTE, pkg.download() + ": the archive holds JDK " + jdk.version()
                            + ", not " + major + "; nothing was installed. Check JRUN_DISCO_URL");
                }
                if (Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    delete(moveAside(home)); // a broken earlier install: not a JDK, replaced
                }
                Files.move(jdkHome, home, StandardCopyOption.ATOMIC_MOVE);
                return new Installed(JdkFinder.read(home).orElseThrow(), true);
            } finally {
                delete(temp);
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, own.dir() + ": cannot install JDK " + major + " there ("
                    + Disco.reason(e) + "); check that the directory is yours and has room");
        }
    }

    /** Removes jrun's JDK {@code major}; false if jrun has none. */
    public boolean uninstall(int major) {
        Path home = own.home(major);
        if (!Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Lock lock = lock()) {
            if (!Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            // renamed out of the way first: a run never sees half a JDK
            delete(moveAside(home));
            return true;
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, home + ": cannot remove it (" + Disco.reason(e)
                    + "); check that it is yours");
        }
    }

    private Path moveAside(Path home) throws IOException {
        Path aside = Files.createTempDirectory(own.dir(), TEMP + home.getFileName() + "-");
        Path target = aside.resolve("old");
        Files.move(home, target, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /** Held while open; closing the channel releases the lock. */
    private record Lock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private Lock lock() throws IOException {
        Files.createDirectories(own.dir());
        FileChannel ch = FileChannel.open(own.dir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.lock();
            return new Lock(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Temporary directories of installs that were killed (the lock is ours: no other install runs). */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(own.dir(), TEMP + "*")) {
            for (Path p : s) {
                delete(p);
            }
        }
    }

    private void download(Disco.Package pkg, Path archive) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest req = HttpRequest.newBuilder(pkg.download()).timeout(Duration.ofMinutes(30))
                .header("User-Agent", "jrun").build();
        HttpResponse<InputStream> r;
        try {
            r = disco.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new JrunException(ExitCode.REMOTE, pkg.download() + ": cannot download it (" + Disco.reason(e)
                    + "); check the network, then run the command again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.REMOTE, pkg.download() + ": interrupted");
        }
        String what = "Temurin " + pkg.javaVersion();
        try (InputStream body = new DigestInputStream(r.body(), sha); OutputStream out = Files.newOutputStream(archive)) {
            if (r.statusCode() != 200) {
                throw new JrunException(ExitCode.REMOTE, pkg.download() + ": HTTP " + r.statusCode()
                        + "; try again later");
            }
            long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            byte[] buf = new byte[64 * 1024];
            long done = 0;
            long lastDraw = 0;
            int n;
            while ((n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                long now = System.nanoTime();
                if (progress && now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    err.print("\r\033[Kjrun: downloading " + what + " " + mb(done) + (total > 0 ? " / " + mb(total) : ""));
                    err.flush();
                }
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.REMOTE, pkg.download() + ": the download broke off (" + Disco.reason(e)
                    + "); nothing was installed. Run the command again");
        } finally {
            if (progress) {
                err.print("\r\033[K");
                err.flush();
            }
        }
        String got = HexFormat.of().formatHex(sha.digest());
        if (!got.equals(pkg.sha256())) {
            throw new JrunException(ExitCode.REMOTE, pkg.download() + ": its SHA-256 is " + got + ", not the "
                    + pkg.sha256() + " the Disco API gives; nothing was installed. Try again later (a broken mirror or"
                    + " download), and report it if it stays so");
        }
        if (progress) {
            err.println("jrun: downloaded " + what + " (" + mb(Files.size(archive)) + "), SHA-256 checked; unpacking");
        }
    }

    /** The JDK home in an unpacked archive: its top directory, or the one directory in it (jdk-21.0.5+11/). */
    private static Optional<Path> findHome(Path unpacked) throws IOException {
        if (JdkFinder.read(unpacked).isPresent()) {
            return Optional.of(unpacked);
        }
        try (var s = Files.list(unpacked)) {
            var dirs = s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
            return dirs.size() == 1 && JdkFinder.read(dirs.get(0)).isPresent() ? Optional.of(dirs.get(0)) : Optional.empty();
        }
    }

    private static String mb(long bytes) {
        return bytes < 1024 * 1024 ? (bytes + 512) / 1024 + " kB" : String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Removes a tree, links not followed. */
    static void delete(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
