package dev.jrun.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveFormatTest {
    private final Path archive = Path.of("/c/entries/e/b-1/aot-x.jsa");

    @Test
    void jdk17To23MapAClassDataSharingArchive() {
        for (int major : new int[] {17, 21, 23}) {
            ArchiveFormat f = ArchiveFormat.of(major);
            assertEquals(ArchiveFormat.CDS, f);
            assertEquals("-XX:SharedArchiveFile=" + archive, f.map(archive));
            assertEquals(List.of("-XX:+VerifySharedSpaces", "-Xshare:on", "-XX:SharedArchiveFile=" + archive), f.strict(archive));
            assertEquals("-Xlog:cds*=off", f.quiet());
        }
    }

    @Test
    void jdk24AndLaterMapItAsAnAotCache() {
        for (int major : new int[] {24, 25, 30}) {
            ArchiveFormat f = ArchiveFormat.of(major);
            assertEquals(ArchiveFormat.AOT_CACHE, f);
            assertEquals("-XX:AOTCache=" + archive, f.map(archive));
            assertEquals(List.of("-XX:+VerifySharedSpaces", "-XX:AOTMode=on", "-XX:AOTCache=" + archive), f.strict(archive));
            assertEquals("-Xlog:aot*=off,cds*=off", f.quiet());
        }
    }

    @Test
    void bothAreDumpedFromTheListAndOnlyAnAotCacheIsLinked() {
        Path list = Path.of("/c/l.classlist");
        List<String> expected = List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-XX:+VerifySharedSpaces");
        assertEquals(expected, ArchiveFormat.CDS.dump(list, archive, false));
        assertEquals(expected, ArchiveFormat.AOT_CACHE.dump(list, archive, false));
        List<String> linked = new java.util.ArrayList<>(expected);
        linked.add("-XX:+AOTClassLinking");
        assertEquals(linked, ArchiveFormat.AOT_CACHE.dump(list, archive, true));
        assertFalse(ArchiveFormat.CDS.linksAhead(List.of()));
        assertTrue(ArchiveFormat.AOT_CACHE.linksAhead(List.of("-Xmx64m", "-Dx=y", "--enable-preview")));
    }

    /** A linked cache needs the module graph the dump had: an agent or a module option gets an unlinked one. */
    @Test
    void anAgentOrAModuleOptionGetsAnUnlinkedCache() {
        for (String o : List.of("-javaagent:/a.jar", "-agentlib:jdwp=transport=dt_socket", "-agentpath:/x.so",
                "--add-modules=java.sql", "--add-modules", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-exports", "--limit-modules=java.base", "-p", "--module-path=/m", "--patch-module=x=y",
                "-Djdk.module.addmods=java.sql", "--enable-native-access=ALL-UNNAMED")) {
            assertFalse(ArchiveFormat.AOT_CACHE.linksAhead(List.of("-Xmx64m", o)), o);
        }
    }
}
