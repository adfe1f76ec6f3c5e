package dev.jrun.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
