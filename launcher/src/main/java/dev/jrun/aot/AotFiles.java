package dev.jrun.aot;

import dev.jrun.Hashing;
import dev.jrun.Version;
import dev.jrun.cache.RunEnv;
import dev.jrun.plan.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The builder's part of a script's class-data-sharing archive (JDK 17–23) or AOT cache (JDK 24+):
 * it names the archive and tells the front end how to tell that it is still fresh. The archive
 * itself is made later, in the background, by {@link AotMain}, from the classes {@link ClassList}
 * finds in the jars.
 *
 * <p>The archive's name is {@code aot-H.jsa}, H a hash of the content of every jar on the class
 * path, the JDK's build (its {@code release} file, the size and time of its {@code libjvm.so}) and
 * the JVM options that shape an archive. {@link AotMain} makes it only while the files still hash
 * to H, so an archive never holds classes from other jars than the entry's. A jar or JDK changed in
 * place later is caught by the front end ({@code jrun_aot_fresh}: nothing on the class path and no
 * JDK file newer than the archive) and by the JVM, which checks each jar's size and time.
 *
 * <p>Writes {@value #PROPS} into the entry and returns what run.env says of the archive
 * ({@link RunEnv.Archive}: its file, or why there is none, and the files it must not be older than).
 */
public final class AotFiles {
    /** What {@link AotMain} needs to make the archive. */
    public static final String PROPS = "aot.properties";

    private AotFiles() {
    }

    /**
     * @param tmp     where the entry is being built
     * @param entry   where it will be
     * @param javaArgs what the entry's java.args holds: {@code -cp CLASSPATH}, then the JVM's options
     */
    public static RunEnv.Archive write(Path tmp, Path entry, Jdk jdk, List<String> javaArgs) throws IOException {
        List<Path> classpath = new ArrayList<>();
        for (String f : javaArgs.get(1).split(":")) {
            classpath.add(Path.of(f));
        }
        List<String> jvmOptions = javaArgs.subList(2, javaArgs.size());
        String why = whyNot(classpath, jvmOptions, tmp, entry, jdk);
        if (why != null) {
            return RunEnv.Archive.none(why);
        }
        List<String> dumpOptions = dumpOptions(jvmOptions);
        List<Path> jdkFiles = jdkFiles(jdk);
        MessageDigest md = Hashing.sha256();
        List<Path> hashed = new ArrayList<>(classpath);
        hashed.add(jdkFiles.get(0));
        List<String> sums = new ArrayList<>();
        for (Path f : hashed) {
            // app.jar is hashed where it is being built, and named where it will be
            Path read = f.startsWith(entry) ? tmp.resolve(entry.relativize(f)) : f;
            String sum = Hashing.of(read);
            sums.add(sum);
            md.update((f + " " + sum + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : jdkFiles.subList(1, jdkFiles.size())) {
            md.update((f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        boolean linked = ArchiveFormat.of(jdk.major()).linksAhead(jvmOptions);
        md.update(("jrun " + Version.get() + "\noptions " + String.join(" ", dumpOptions) + "\nlinked " + linked + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Path archive = entry.resolve("aot-" + Hashing.hex(md).substring(0, 32) + ".jsa");
        ArchiveInputs inputs = new ArchiveInputs(jdk.java(), jdk.home(), jdk.major(), classpath, dumpOptions, archive,
                hashed, sums, linked);
        inputs.write(tmp.resolve(PROPS));

        List<Path> guarded = new ArrayList<>(classpath);
        guarded.addAll(jdkFiles);
        Path modules = jdk.home().resolve("lib/modules");
        if (Files.isRegularFile(modules)) {
            guarded.add(modules);
        }
        ArchiveFormat format = inputs.format();
        return new RunEnv.Archive(archive, "", guarded, format.map(archive), format.quiet());
    }

    /** Why this entry cannot have an archive, or null if it can. */
    private static String whyNot(List<Path> classpath, List<String> jvmOptions, Path tmp, Path entry, Jdk jdk) {
        for (Path f : classpath) {
            Path read = f.startsWith(entry) ? tmp.resolve(entry.relativize(f)) : f;
            if (!Files.isRegularFile(read)) {
                return "the class path holds " + f + ", which is not a jar";
            }
        }
        if (!Files.isRegularFile(jdk.home().resolve("release"))) {
            return "the JDK at " + jdk.home() + " has no release file to tell its build by";
        }
        for (String o : jvmOptions) {
            if (o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:AOT")
                    || o.startsWith("-XX:ArchiveClassesAtExit") || o.startsWith("-XX:DumpLoadedClassList")
                    || o.startsWith("-XX:SharedClassListFile") || o.startsWith("-XX:+AutoCreateSharedArchive")) {
                return "//JAVA_OPTIONS sets " + o;
            }
        }
        return null;
    }

    /**
     * The script's JVM options that an archive must be dumped with to be usable (the heap's size and
     * kind decide the layout of archived objects; preview features, the classes' version).
     */
    static List<String> dumpOptions(List<String> jvmOptions) {
        List<String> out = new ArrayList<>();
        for (String o : jvmOptions) {
            if (o.equals("--enable-preview") || o.startsWith("-Xmx") || o.startsWith("-Xms")
                    || o.matches("-XX:[+-]Use\\w*(GC|CompressedOops|CompressedClassPointers|CompactObjectHeaders)")
                    || o.matches("-XX:(MaxHeapSize|InitialHeapSize|MaxRAM|MaxRAMPercentage|ObjectAlignmentInBytes)=.*")
                    || o.equals("-XX:+UnlockExperimentalVMOptions") || o.equals("-XX:+UnlockDiagnosticVMOptions")) {
                out.add(o);
            }
        }
        return out;
    }

    /** Files that identify the JDK's build: its release file (hashed), its JVM (by size and time). */
    private static List<Path> jdkFiles(Jdk jdk) {
        List<Path> out = new ArrayList<>(List.of(jdk.home().resolve("release")));
        Path jvm = jdk.home().resolve("lib/server/libjvm.so");
        if (Files.isRegularFile(jvm)) {
            out.add(jvm);
        }
        return out;
    }
}
