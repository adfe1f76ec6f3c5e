package dev.jrun.it.deps;

import static dev.jrun.it.deps.Artifacts.G;
import static dev.jrun.it.deps.Artifacts.jrun;
import static dev.jrun.it.deps.Artifacts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency side of a JBang user's scripts (issue 12): Grape annotations, --deps, Maven
 * coordinates run as the script, agents by coordinates, -D in //DEPS; each next to the JBang
 * behaviour it mirrors.
 */
class JbangDepsIT extends ServedRepository {

    /**
     * Beside {@link Artifacts}: groovy.lang's Grape annotations (so that a script can compile
     * against them, as JBang's users get them from Groovy), a tool with a Main-Class, and an agent.
     */
    @BeforeAll
    static void more() {
        String retention = "import java.lang.annotation.*; @Retention(RetentionPolicy.SOURCE) public @interface ";
        repo.library(G, "grape", "1.0", Map.of(
                "groovy.lang.Grab", "package groovy.lang; " + retention + "Grab { String value() default \"\";"
                        + " String group() default \"\"; String module() default \"\"; String version() default \"\";"
                        + " String classifier() default \"\"; }",
                "groovy.lang.Grapes", "package groovy.lang; " + retention + "Grapes { Grab[] value(); }",
                "groovy.lang.GrabResolver", "package groovy.lang; " + retention + "GrabResolver { String value() default \"\";"
                        + " String name() default \"\"; String root() default \"\"; }"), List.of(), List.of());
        Path words = repo.dir(G, "words", "1.0").resolve("words-1.0.jar");
        repo.pom(G, "tool", "1.0", "jar", List.of(G + ":words:1.0"), List.of());
        repo.jar(G, "tool", "1.0", "", Map.of("tool.Main", "package tool; public class Main { public static void main(String[] a) {"
                + " System.out.println(\"tool \" + String.join(\",\", a) + \" \" + words.Words.word()); } }"),
                Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: tool.Main\n"), List.of(words));
        repo.pom(G, "agent", "1.0", "jar", List.of(), List.of());
        repo.jar(G, "agent", "1.0", "", Map.of("agent.Agent", "package agent; public class Agent {"
                + " public static void premain(String o, java.lang.instrument.Instrumentation i) { System.out.println(\"agent \" + o); } }"),
                Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nPremain-Class: agent.Agent\n"), List.of());
    }

    Jrun.Result ok(Jrun.Result r) {
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    /** Runs twice; the second must be a cache hit that asks no repository. */
    String twice(String... args) {
        String first = ok(jrun(dir, args).run()).out();
        int before = server.requests().size();
        String[] verbose = new String[args.length + 1];
        verbose[0] = "--verbose";
        System.arraycopy(args, 0, verbose, 1, args.length);
        Jrun.Result second = ok(jrun(dir, verbose).run());
        assertTrue(second.err().contains("jrun: cached:"), second.toString());
        assertEquals(before, server.requests().size(), "a cached run asks no repository");
        assertEquals(first, second.out());
        return first;
    }

    @Test
    void grabGrapesAndGrabResolverAreDependencies() throws IOException {
        // JBang, dependencies.adoc: "JBang also supports the Groovy @Grab annotation ... @Grapes ... and
        // @GrabResolver", including version ranges; its itest grabs the annotations' own library
        script(dir, "grab.java", """
                import groovy.lang.Grab;
                import groovy.lang.GrabResolver;
                import groovy.lang.Grapes;

                @GrabResolver(name = "test", root = "%s")
                @Grapes({
                    @Grab(group = "com.example", module = "grape", version = "1.0"),
                    @Grab("com.example:words:[1.0,2.0)")
                })
                public class grab {
                    // a mention in a comment is no dependency: @Grab("com.example:nope:1.0")
                    public static void main(String[] a) {
                        System.out.println(words.Words.word() + " \\"@Grab(\\"x:y:1\\")\\"");
                    }
                }
                """.formatted(server.url()));
        assertEquals("words-1.1 \"@Grab(\"x:y:1\")\"\n", twice("grab.java"));
    }

    @Test
    void depsOnTheCommandLineAndDashDInDepsOnCachedRuns() throws IOException {
        // JBang, usage: "--deps=<dependencies> Add additional dependencies (Use commas to separate them)";
        // dependencies.adoc: ${name} in //DEPS is a system property, which -D on the command line sets
        script(dir, "hi.java", "//REPOS test=" + server.url() + "\n"
                + "public class hi { public static void main(String[] a) { System.out.println(greet.Greet.hello(a[0])); } }\n");
        assertEquals("hello bob with words-1.0\n", twice("--deps", G + ":greet:1.0", "hi.java", "bob"));
        assertEquals("hello ann with words-1.1\n", twice("--deps=" + G + ":greet:1.0," + G + ":words:1.1", "hi.java", "ann"));
        script(dir, "v.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:words:${wv:1.0}\n"
                + "public class v { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
        assertEquals("words-1.0\n", twice("v.java"));
        assertEquals("words-2.0\n", twice("-Dwv=2.0", "v.java"));
    }

    @Test
    void mavenCoordinatesRunTheirMainClass() {
        // JBang, usage: the script "can be a .java, .jar or a Maven coordinate (group:artifact:version)",
        // run with its Main-Class and its dependencies; "--repos" names the repositories, as //REPOS
        String gav = G + ":tool:1.0";
        assertEquals("tool a,b words-1.0\n", twice("--repos", "test=" + server.url(), gav, "a", "b"));
        assertEquals("tool  words-1.0\n", twice("--repos=test=" + server.url(), gav, ""));
    }

    @Test
    void anAgentByItsCoordinates() throws IOException {
        // JBang, script-directives.adoc: "//JAVAAGENT io.opentelemetry.javaagent:opentelemetry-javaagent:1.20.0"
        script(dir, "app.java", "//REPOS test=" + server.url() + "\n//JAVAAGENT com.example:agent:1.0=on\n"
                + "public class app { public static void main(String[] a) { System.out.println(\"app\"); } }\n");
        assertEquals("agent on\napp\n", twice("app.java"));
    }
}
