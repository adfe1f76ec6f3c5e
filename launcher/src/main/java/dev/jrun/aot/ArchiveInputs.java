package dev.jrun.aot;

import dev.jrun.Hashing;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What an entry's archive is made from, as the builder wrote it into {@value AotFiles#PROPS} for the
 * maker: the script's JDK, its class path and the JVM options that shape an archive, where the
 * archive goes, and the SHA-256 of every file it must be made from (the jars, the JDK's release file).
 *
 * @param hashed the files, each with its SHA-256 in {@code sums}
 * @param linked  whether the archive is dumped linked ahead of time ({@link ArchiveFormat#linksAhead},
 *                decided by the builder from all the script's JVM options)
 */
record ArchiveInputs(Path java, Path home, int major, List<Path> classpath, List<String> options, Path archive,
        List<Path> hashed, List<String> sums, boolean linked) {

    ArchiveInputs {
        classpath = List.copyOf(classpath);
        options = List.copyOf(options);
        hashed = List.copyOf(hashed);
        sums = List.copyOf(sums);
    }

    ArchiveFormat format() {
        return ArchiveFormat.of(major);
    }

    /** The class path as the JVM's -cp takes it. */
    String classpathOption() {
        return String.join(":", classpath.stream().map(Path::toString).toList());
    }

    /** Reads an entry's {@value AotFiles#PROPS}; gone (removed, or unreadable): {@link EntryGone}. */
    static ArchiveInputs read(Path entry) throws EntryGone {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(entry.resolve(AotFiles.PROPS), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new EntryGone();
        }
        Path java = Path.of(p.getProperty("java"));
        List<Path> classpath = new ArrayList<>();
        for (String f : p.getProperty("classpath").split(":")) {
            classpath.add(Path.of(f));
        }
        List<String> options = new ArrayList<>();
        for (String o : p.getProperty("options", "").split("\n")) {
            if (!o.isEmpty()) {
                options.add(o);
            }
        }
        List<Path> hashed = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        for (int i = 0; p.getProperty("file." + i) != null; i++) {
            hashed.add(Path.of(p.getProperty("file." + i)));
            sums.add(p.getProperty("sha256." + i));
        }
        return new ArchiveInputs(java, Path.of(p.getProperty("home", java.getParent().getParent().toString())),
                Integer.parseInt(p.getProperty("major")), classpath, options, Path.of(p.getProperty("archive")), hashed,
                sums, Boolean.parseBoolean(p.getProperty("linked")));
    }

    /** Writes them into {@code file}, for {@link #read}. */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("java", java.toString());
        p.setProperty("home", home.toString());
        p.setProperty("major", Integer.toString(major));
        p.setProperty("classpath", classpathOption());
        p.setProperty("archive", archive.toString());
        p.setProperty("options", String.join("\n", options));
        p.setProperty("linked", Boolean.toString(linked));
        for (int i = 0; i < hashed.size(); i++) {
            p.setProperty("file." + i, hashed.get(i).toString());
            p.setProperty("sha256." + i, sums.get(i));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "what jrun's background archive maker needs (dev.jrun.aot.AotMain)");
        }
    }

    /** The files still hash to what the entry was built from: else the archive would hold other classes. */
    void verify() throws MakerFailure {
        for (int i = 0; i < hashed.size(); i++) {
            Path f = hashed.get(i);
            String sum;
            try {
                sum = Hashing.of(f);
            } catch (IOException e) {
                throw new MakerFailure(f + " cannot be read: " + e.getMessage());
            }
            if (!sum.equals(sums.get(i))) {
                throw new MakerFailure(f + " changed since the script's entry was built; run with --fresh to rebuild it");
            }
        }
    }
}
