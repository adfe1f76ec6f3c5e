package dev.jrun.compile;

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
 * What a compile gave besides the class files: the main class, and what the build depends on that
 * only the compiler knew, the source files of the source root it read (a several-file program's
 * other classes) and the files whose appearance would change what it compiled.
 *
 * @param main   the main class's binary name
 * @param read   the files javac found on the source path and read, with the hash of what it read
 * @param absent files that did not exist and would have been compiled had they existed: a class
 *               the program names, in a package directory javac looked into
 * @param kept   whether javac ran in a context kept from an earlier compile ({@link KeptContexts})
 */
public record CompileResult(String main, List<ReadFile> read, List<Path> absent, boolean kept) {

    /** A source file javac read: where, and the SHA-256 of its bytes as sha256sum prints it. */
    public record ReadFile(Path file, String sha256) {
    }

    /** Written by a compiler JVM for the builder that started it. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        put(p);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    public static CompileResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return from(p);
    }

    /** Into a build's metadata ({@code compile.*}), where a later build checks that it still holds. */
    public void put(Properties p) {
        p.setProperty("compile.main", main);
        p.setProperty("compile.read.n", Integer.toString(read.size()));
        for (int i = 0; i < read.size(); i++) {
            p.setProperty("compile.read." + i, read.get(i).sha256() + " " + read.get(i).file());
        }
        p.setProperty("compile.absent.n", Integer.toString(absent.size()));
        for (int i = 0; i < absent.size(); i++) {
            p.setProperty("compile.absent." + i, absent.get(i).toString());
        }
        if (kept) {
            p.setProperty("compile.kept", "true");
        }
    }

    /** From a build's metadata; a build of an older jrun (none recorded) read nothing. */
    public static CompileResult from(Properties p) {
        List<ReadFile> read = new ArrayList<>();
        int n = Integer.parseInt(p.getProperty("compile.read.n", "0"));
        for (int i = 0; i < n; i++) {
            String v = p.getProperty("compile.read." + i, "");
            int sp = v.indexOf(' ');
            read.add(new ReadFile(Path.of(v.substring(sp + 1)), v.substring(0, Math.max(sp, 0))));
        }
        List<Path> absent = new ArrayList<>();
        int m = Integer.parseInt(p.getProperty("compile.absent.n", "0"));
        for (int i = 0; i < m; i++) {
            absent.add(Path.of(p.getProperty("compile.absent." + i)));
        }
        return new CompileResult(p.getProperty("compile.main", ""), List.copyOf(read), List.copyOf(absent),
                Boolean.parseBoolean(p.getProperty("compile.kept")));
    }

    /** Does the compile depend on files beside the script that no directive names? */
    public boolean dependsOnSourceRoot() {
        return !read.isEmpty() || !absent.isEmpty();
    }

    /**
     * Would compiling again read the same text? Every file read is unchanged, and no absent file
     * appeared. (A build found current by its key is current only if this holds too.)
     */
    public boolean stillHolds() {
        for (ReadFile f : read) {
            try {
                if (!Files.isRegularFile(f.file()) || !Hashing.of(f.file()).equals(f.sha256())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        for (Path f : absent) {
            if (Files.exists(f)) {
                return false;
            }
        }
        return true;
    }
}
