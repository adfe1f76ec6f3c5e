package dev.jrun.aot;

import java.nio.file.Path;
import java.util.List;

/**
 * The two kinds of archive a script's JDK takes, and every flag in which they differ: the one place
 * that knows JDK versions. Both are dumped the same way ({@code -Xshare:dump} from a class list, with
 * the checksums {@code -XX:+VerifySharedSpaces} checks); JDK 24 and later map the result as an AOT
 * cache (JEP 483), and log about it under the {@code aot} tag as well as {@code cds}. Not with
 * {@code -XX:+AOTClassLinking}: a linked cache loads all its classes at start, and measured slower
 * (hello world 0.97 against 0.93 of a plain C1 start on JDK 25, Jackson 0.65 against 0.60).
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

    /** The options that dump the classes of {@code list} into {@code archive}. */
    List<String> dump(Path list, Path archive) {
        return List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-XX:+VerifySharedSpaces");
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
