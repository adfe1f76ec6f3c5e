package dev.jrun.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootTest {
    @TempDir
    Path tmp;

    @Test
    void thePackageLineAfterCommentsAndAnnotations() {
        assertEquals("", SourceRoot.packageOf("public class A {}"));
        assertEquals("a.b", SourceRoot.packageOf("package a.b;\nclass A {}"));
        assertEquals("a.b", SourceRoot.packageOf("// c\n/* package x; */\n  package a . b ;"));
        assertEquals("a.b", SourceRoot.packageOf("@Deprecated @SuppressWarnings(value = (\"x\")) package a.b;"));
        assertEquals("", SourceRoot.packageOf("packages x;"));
        assertEquals("", SourceRoot.packageOf("import a.b.C; package x;"));
        assertEquals("", SourceRoot.packageOf(""));
    }

    Script script(String path, String text) throws IOException {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return Script.read(file, path);
    }

    @Test
    void theDirectoryOrTheOneItsPackageImplies() throws IOException {
        Path real = tmp.toRealPath();
        assertEquals(real.resolve("p"), SourceRoot.of(script("p/A.java", "class A {}")));
        assertEquals(real.resolve("src"), SourceRoot.of(script("src/com/x/A.java", "package com.x; class A {}")));
        Script mismatched = script("q/A.java", "package com.x; class A {}");
        assertNull(SourceRoot.of(mismatched));
        assertEquals("its package com.x is not its directory's", SourceRoot.whyNone(mismatched));
        Script shebang = script("r/A.java", "#!/usr/bin/env jrun\nclass A {}");
        assertNull(SourceRoot.of(shebang));
        assertEquals("the script's first line is #!", SourceRoot.whyNone(shebang));
        assertNull(SourceRoot.whyNone(script("s/A.java", "class A {}")));
    }
}
