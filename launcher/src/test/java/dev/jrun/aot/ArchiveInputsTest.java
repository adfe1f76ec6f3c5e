package dev.jrun.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveInputsTest {
    @TempDir
    Path dir;

    @Test
    void whatTheBuilderWritesTheMakerReadsBackAndAChangedJarFailsIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("app one.jar"), "a jar");
        Path lib = Files.writeString(dir.resolve("lib $x=y.jar"), "a library");
        Path release = Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"25\"\n");
        ArchiveInputs in = new ArchiveInputs(dir.resolve("jdk/bin/java"), dir.resolve("jdk"), 25, List.of(jar, lib),
                List.of("-Xmx64m", "--enable-preview"), dir.resolve("aot-1.jsa"), List.of(jar, lib, release),
                List.of(Hashing.of(jar), Hashing.of(lib), Hashing.of(release)), true);
        Path entry = Files.createDirectories(dir.resolve("entry"));
        in.write(entry.resolve(AotFiles.PROPS));

        ArchiveInputs back = ArchiveInputs.read(entry);
        assertEquals(in, back);
        assertEquals(ArchiveFormat.AOT_CACHE, back.format());
        back.verify();

        Files.writeString(lib, "another library");
        MakerFailure f = assertThrows(MakerFailure.class, back::verify);
        assertTrue(f.getMessage().startsWith(lib + " changed since"), f.getMessage());
        Files.delete(lib);
        assertTrue(assertThrows(MakerFailure.class, back::verify).getMessage().startsWith(lib + " cannot be read"));
    }

    @Test
    void anEntryWithoutThemIsGone() {
        assertThrows(EntryGone.class, () -> ArchiveInputs.read(dir));
    }
}
