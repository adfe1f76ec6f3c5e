package dev.jrun.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which javac options tie a compile to its working directory (a compile server then leaves it to the builder). */
class JavacOptionsTest {

    @Test
    void relativePathsArgfilesAndPathLikeProcessorOptionsNeedTheDirectory() {
        for (List<String> o : List.of(List.of("-sourcepath", "lib"), List.of("-cp", "/abs/a.jar:rel.jar"),
                List.of("--class-path=x"), List.of("@args.txt"), List.of("-processorpath", "p"),
                List.of("--patch-module", "java.base=patch"), List.of("-Aconfig=conf/app.yml"))) {
            assertTrue(JavacOptions.needWorkingDirectory(o), o.toString());
        }
    }

    @Test
    void absolutePathsAndOtherOptionsDoNot() {
        for (List<String> o : List.<List<String>>of(List.of(), List.of("-Xlint:all", "-Werror", "-parameters"),
                List.of("-sourcepath", "/src/lib"), List.of("--patch-module", "java.base=/p"),
                List.of("-Amapstruct.defaultComponentModel=spring", "-Aabs=/etc/x"), List.of("--release", "17"),
                List.of("-encoding", "UTF-8", "-g"))) {
            assertFalse(JavacOptions.needWorkingDirectory(o), o.toString());
        }
    }

    @Test
    void aProcessorIsDeclaredByItsServiceFileInAJarOrADirectory(@TempDir Path dir) throws IOException {
        Path plain = jar(dir.resolve("plain.jar"), "a/A.class");
        Path proc = jar(dir.resolve("proc.jar"), "p/P.class", JavacOptions.PROCESSOR_SERVICE);
        Path classes = Files.createDirectories(dir.resolve("classes/META-INF/services")).getParent().getParent();
        assertFalse(JavacOptions.declaresProcessor(List.of()));
        assertFalse(JavacOptions.declaresProcessor(List.of(plain, classes)));
        assertTrue(JavacOptions.declaresProcessor(List.of(plain, proc)));
        Files.writeString(classes.resolve(JavacOptions.PROCESSOR_SERVICE), "p.P\n");
        assertTrue(JavacOptions.declaresProcessor(List.of(plain, classes)));
        // one that cannot be read: javac decides, with processing as it would have it
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertTrue(JavacOptions.declaresProcessor(List.of(plain, broken)));
    }

    private static Path jar(Path file, String... entries) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(o)) {
            for (String e : entries) {
                j.putNextEntry(new JarEntry(e));
                j.write(1);
                j.closeEntry();
            }
        }
        return file;
    }
}
