package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.JrunException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groovy Grape's annotations read as the //DEPS and //REPOS lines they stand for. */
class GrabAnnotationsTest {

    static List<String> read(String text) {
        return GrabAnnotations.parse(text, "s.java").stream()
                .map(d -> d.where() + " " + d.name() + " " + String.join("|", d.words())).toList();
    }

    @Test
    void namedAndShortFormsRangesAndResolvers() {
        assertEquals(List.of("s.java:1 REPOS acme=https://repo.acme/m2", "s.java:3 DEPS org.x:lib:1.0",
                "s.java:4 DEPS org.x:other:[1.0,2.0)", "s.java:5 DEPS org.x:nat:2:linux-x86_64"), read("""
                @GrabResolver(name = "acme", root = "https://repo.acme/m2")
                @Grapes({
                    @Grab(group = "org.x", module = "lib", version = "1.0"),
                    @Grab("org.x:other:[1.0,2.0)"),
                    @Grab(group='org.x', module='nat', version='2', classifier='linux-x86_64', transitive=false)
                })
                class s {}
                """));
    }

    @Test
    void mentionsInCommentsAndStringsAreNotDependencies() {
        assertEquals(List.of(), read("""
                // @Grab("a:b:1")
                /* @Grab("a:b:2") */
                class s { String t = "@Grab(\\"a:b:3\\")"; String u = \"""
                    @Grab("a:b:4")
                    \"""; }
                """));
    }

    @Test
    void whatCannotBeReadIsAnErrorNamingTheLine() {
        JrunException e = assertThrows(JrunException.class, () -> read("\n@Grab(module = \"lib\")\nclass s {}\n"));
        assertEquals("s.java:2: //DEPS: @Grab needs group and module (or \"group:module:version\"); write"
                + " @Grab(group=\"org.example\", module=\"lib\", version=\"1.0\")", e.getMessage());
        e = assertThrows(JrunException.class, () -> read("@Grab(group = G, module = \"m\")\nclass s {}\n"));
        assertEquals("s.java:1: //DEPS: @Grab(group = G): jrun reads string values only;"
                + " write the dependency as \"group:module:version\" or use //DEPS", e.getMessage());
    }
}
