package dev.jrun.aot;

import java.nio.file.Path;
import java.util.List;

/**
 * The two kinds of archive a script's JDK takes, and every flag in which they differ: the one place
 * that knows JDK versions. Both are dumped the same way ({@code -Xshare:dump} from a class list, with
 * the checksums {@code -XX:+VerifySharedSpaces} checks); JDK 24 and later map the result as an AOT
 * cache (JEP 483), log about it under the {@code aot} tag as well as {@code cds}, and dump it with
 * {@code -XX:+AOTClassLinking} (unless the script's options change the module graph, {@link #linksAhead}):
 * its classes linked, and the constant-pool entries the class list's
 * {@code @cp} lines name resolved ahead of time, the script's lambdas and string concatenations among
 * them ({@link IndySites#preresolved}). Measured on JDK 25 (hello world, medians of 31 beside
 * {@code java -cp}): 0.88 unlinked, 0.85 linked with only the probe's record, 0.74 linked with the
 * script's {@code @cp} lines; an AOT cache from a training run of the script itself 0.70.
 */
enum ArchiveFormat {
    /** JDK 17–23: a class-data-sharing archive. */
    CDS("-Xshare:on", "-XX:SharedArchiveFile=", "-Xlog:cds*=off"),
    /** JDK 24 and later: the same archive, mapped as an AOT cache. */
    AOT_CACHE("-XX:AOTMode=on", "-XX:AOTCache=", "-Xlog:aot*=off,cds*=off");

    /** The first JDK that maps an archive as an AOT cache. */
    static final int AOT_CACHE_SINCE = 24;

    private final String strict;
    private final String map;
    private final String quiet;

    ArchiveFormat(String strict, String map, String quiet) {
        this.strict = strict;
        this.map = map;
        this.quiet = quiet;
    }

    static ArchiveFormat of(int major) {
        return major >= AOT_CACHE_SINCE ? AOT_CACHE : CDS;
    }

    /**
     * Whether an archive of a script with these JVM options is dumped linked ahead of time, and so
     * takes the class list's {@code @cp} lines: on JDK 24 and later, unless an option changes the
     * module graph (an agent adds {@code java.instrument}), which the JVM must then build as it
     * starts, and with it could not use a linked cache at all (it would start without one).
     */
    boolean linksAhead(List<String> jvmOptions) {
        return this == AOT_CACHE && jvmOptions.stream().noneMatch(ArchiveFormat::changesModules);
    }

    private static boolean changesModules(String o) {
        return o.startsWith("-javaagent") || o.startsWith("-agentlib") || o.startsWith("-agentpath")
                || o.startsWith("-Djdk.module.") || o.equals("-p") || o.startsWith("--module-path")
                || o.startsWith("--upgrade-module-path") || o.startsWith("--add-modules") || o.startsWith("--limit-modules")
                || o.startsWith("--patch-module") || o.startsWith("--add-reads") || o.startsWith("--add-exports")
                || o.startsWith("--add-opens") || o.startsWith("--enable-native-access");
    }

    /** The options that dump the classes of {@code list} into {@code archive}, linked or not. */
    List<String> dump(Path list, Path archive, boolean linked) {
        List<String> dump = new java.util.ArrayList<>(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive, "-XX:+VerifySharedSpaces"));
        if (linked) {
            dump.add("-XX:+AOTClassLinking");
        }
        return dump;
    }

    /** The options that map {@code archive} or fail, checking every byte: the maker's test of a new one. */
    List<String> strict(Path archive) {
        return List.of("-XX:+VerifySharedSpaces", strict, map + archive);
    }

    /**
     * The option a cached run maps {@code archive} with, the JVM's silent fallback on (a changed jar,
     * another JVM build: it starts without it).
     */
    String map(Path archive) {
        return map + archive;
    }

    /** The option that keeps the JVM's messages about the archive off a run's output (not with --verbose). */
    String quiet() {
        return quiet;
    }
}
