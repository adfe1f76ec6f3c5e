package dev.jrun.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JarExportTest {
    @Test
    void aServicesFileIsReadAsServiceLoaderReadsIt() {
        byte[] file = "# providers\r\n a.B  # the first\n\n\tc.D\r".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("a.B", "c.D"), JarExport.serviceLines(file));
    }

    @Test
    void classesAreNamedAsInJava() {
        assertEquals("com.x.Y", JarExport.className("com/x/Y.class"));
        assertEquals("com.x.Y$Z (Java 11)", JarExport.className("META-INF/versions/11/com/x/Y$Z.class"));
    }
}
