package dev.jrun.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import org.junit.jupiter.api.Test;

class CoordinateTest {
    private static final Directive LINE = new Directive("DEPS", "(the line)", "s.java", 3);

    private static Coordinate parse(String text) {
        return Coordinate.parse(text, LINE);
    }

    private static String error(String text) {
        JrunException e = assertThrows(JrunException.class, () -> parse(text));
        assertEquals(ExitCode.SCRIPT, e.status());
        return e.getMessage();
    }

    @Test
    void groupArtifactVersion() {
        Coordinate c = parse("info.picocli:picocli:4.7.7");
        assertEquals("info.picocli", c.groupId());
        assertEquals("picocli", c.artifactId());
        assertEquals("4.7.7", c.version());
        assertEquals("", c.classifier());
        assertEquals("jar", c.type());
        assertEquals("jar", c.extension());
        assertEquals("info.picocli:picocli", c.key());
        assertFalse(c.isBom());
        assertFalse(c.isFat());
        assertEquals("info.picocli:picocli:4.7.7", c.toString());
        assertEquals(LINE, c.directive());
    }

    @Test
    void classifierAndType() {
        Coordinate c = parse("io.netty:netty-transport-native-epoll:4.1.100.Final:linux-x86_64@zip");
        assertEquals("4.1.100.Final", c.version());
        assertEquals("linux-x86_64", c.classifier());
        assertEquals("zip", c.type());
        assertEquals("zip", c.extension());
        assertEquals("io.netty:netty-transport-native-epoll:4.1.100.Final:linux-x86_64@zip", c.toString());
    }

    @Test
    void aBomMayLeaveOutItsVersionOnlyWhenSomethingElseSuppliesIt() {
        Coordinate bom = parse("org.junit:junit-bom:5.10.0@pom");
        assertTrue(bom.isBom());
        assertEquals("pom", bom.extension());
        Coordinate managed = parse("org.junit.jupiter:junit-jupiter-api");
        assertNull(managed.version());
        assertEquals("org.junit.jupiter:junit-jupiter-api", managed.toString());
        assertEquals("org.junit.jupiter:junit-jupiter-api:5.10.0", managed.withVersion("5.10.0").toString());
        assertEquals(LINE, managed.withVersion("5.10.0").directive());
    }

    @Test
    void aFatJarIsAJarWithoutItsDependencies() {
        Coordinate c = parse("g:a:1@fatjar");
        assertTrue(c.isFat());
        assertEquals("jar", c.extension());
        assertEquals("g:a:1@fatjar", c.toString());
    }

    @Test
    void versionRanges() {
        assertEquals("[1.2,)", parse("g:a:1.2+").version());
        assertEquals("[1.0,2.0)", parse("g:a:[1.0,2.0)").version());
        assertEquals("(,1.0],[1.2,)", parse("g:a:(,1.0],[1.2,)").version());
        assertEquals("g:a:[1.2,)", parse("g:a:1.2+").toString());
    }

    @Test
    void malformedCoordinatesNameTheLineAndTheForm() {
        assertEquals("s.java:3: //DEPS: 'picocli' is not a dependency; write " + Coordinate.FORM, error("picocli"));
        assertEquals("s.java:3: //DEPS: 'g:a:1:c:x' is not a dependency; write " + Coordinate.FORM, error("g:a:1:c:x"));
        assertTrue(error("g::1").contains("(part 2 is empty)"));
        assertTrue(error(":a:1").contains("(part 1 is empty)"));
        assertTrue(error("g:a:1@").contains("('@' is not a type)"));
        assertTrue(error("g:a:1@j.ar").contains("('@j.ar' is not a type)"));
        assertTrue(error("g/x:a:1").contains("a group or artifact may hold only"));
        assertTrue(error("g:a:1:lin/ux").contains("'lin/ux' is not a classifier"));
        assertTrue(error("g:a:+").contains("'+' is not a version range; write 1.2+"));
        assertTrue(error("g:a:[1.0").contains("'[1.0' is not a Maven version range"));
        assertTrue(error("g:a:[1.0,[2.0)").contains("is not a Maven version range"));
        assertTrue(error("g:a:-1").contains("'-1' is not a version"));
        assertTrue(error("g:a:1 2").contains("'1 2' is not a version"));
    }
}
