package dev.jrun.it.deps;

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
 * Annotation processors from //DEPS see the script's class path only: the case of JBang's
 * checksum.java (picocli 4.5.0 with picocli-codegen 4.5.0), whose processor, given jrun's own
 * picocli 4.7.7, failed with "IncompleteAnnotationException: ... missing element sortSynopsis".
 * Here a picocli 4.5.0 and its processor are built by the test: the processor reads every element
 * of the @Command annotation type it sees, as picocli's annotation reading does, and writes down
 * which jar that type came from.
 */
public class ProcessorIT extends ServedRepository {
    /** picocli 4.5.0 as the processor knows it: a Command annotation without 4.7's sortSynopsis. */
    public static final String PICOCLI = """
            package picocli;
            import java.lang.annotation.*;
            public class CommandLine {
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)
                public @interface Command { String name() default "<main class>"; String[] description() default {}; }
                private final Object command;
                public CommandLine(Object command) { this.command = command; }
                public int execute(String... args) {
                    System.out.println("picocli 4.5.0 runs " + command.getClass().getAnnotation(Command.class).name());
                    return 0;
                }
            }
            """;

    public static final String CODEGEN = """
            package picocli.codegen.aot.graalvm.processor;
            import java.io.Writer;
            import java.lang.reflect.*;
            import java.nio.file.Path;
            import java.util.Set;
            import javax.annotation.processing.*;
            import javax.lang.model.SourceVersion;
            import javax.lang.model.element.*;
            import picocli.CommandLine;
            @SupportedAnnotationTypes("picocli.CommandLine.Command")
            public class NativeImageConfigGeneratorProcessor extends AbstractProcessor {
                @Override public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }
                @Override public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
                    for (TypeElement a : annotations) {
                        for (Element e : env.getElementsAnnotatedWith(a)) {
                            CommandLine.Command c = e.getAnnotation(CommandLine.Command.class);
                            try {
                                for (Method m : CommandLine.Command.class.getDeclaredMethods()) {
                                    m.invoke(c);
                                }
                                String jar = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation()
                                        .toURI()).getFileName().toString();
                                String name = "Generated_" + e.getSimpleName();
                                try (Writer w = processingEnv.getFiler().createSourceFile(name, e).openWriter()) {
                                    w.write("public class " + name + " { public static final String SEEN = \\""
                                            + c.name() + " with " + jar + "\\"; }");
                                }
                            } catch (InvocationTargetException x) {
                                throw (RuntimeException) x.getCause();
                            } catch (Exception x) {
                                throw new IllegalStateException(x);
                            }
                        }
                    }
                    return true;
                }
            }
            """;

    static final String BOOM = """
            package boom;
            import java.util.Set;
            import javax.annotation.processing.*;
            import javax.lang.model.SourceVersion;
            import javax.lang.model.element.*;
            @SupportedAnnotationTypes("*")
            public class BoomProcessor extends AbstractProcessor {
                @Override public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }
                @Override public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
                    if (!env.processingOver()) {
                        throw new IllegalStateException("no config for " + env.getRootElements().iterator().next());
                    }
                    return false;
                }
            }
            """;

    @BeforeAll
    static void olderPicocli() {
        Path picocli = repo.library("info.picocli", "picocli", "4.5.0", Map.of("picocli.CommandLine", PICOCLI),
                List.of(), List.of());
        repo.pom("info.picocli", "picocli-codegen", "4.5.0", "jar", List.of("info.picocli:picocli:4.5.0"), List.of());
        repo.jar("info.picocli", "picocli-codegen", "4.5.0", "",
                Map.of("picocli.codegen.aot.graalvm.processor.NativeImageConfigGeneratorProcessor", CODEGEN),
                Map.of("META-INF/services/javax.annotation.processing.Processor",
                        "picocli.codegen.aot.graalvm.processor.NativeImageConfigGeneratorProcessor\n"),
                List.of(picocli));
        repo.pom("com.example", "boom", "1.0", "jar", List.of(), List.of());
        repo.jar("com.example", "boom", "1.0", "", Map.of("boom.BoomProcessor", BOOM),
                Map.of("META-INF/services/javax.annotation.processing.Processor", "boom.BoomProcessor\n"), List.of());
    }

    /** JBang's checksum.java, cut down: picocli and its processor, both 4.5.0. */
    String checksum(String java) {
        return "//REPOS test=" + server.url() + "\n" + java
                + "//DEPS info.picocli:picocli:4.5.0\n"
                + "//DEPS info.picocli:picocli-codegen:4.5.0\n"
                + "import picocli.CommandLine;\n"
                + "import picocli.CommandLine.Command;\n"
                + "@Command(name = \"checksum\", description = \"Prints the checksum\")\n"
                + "public class checksum implements Runnable {\n"
                + "    public void run() { System.out.println(Generated_checksum.SEEN); }\n"
                + "    public static void main(String... args) {\n"
                + "        new CommandLine(new checksum()).execute(args);\n"
                + "        new checksum().run();\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    void aProcessorBuiltAgainstAnOlderPicocliSeesThatPicocliInTheBuilder() throws IOException {
        script(dir, "checksum.java", checksum(""));
        Jrun.Result r = jrun(dir, "checksum.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("picocli 4.5.0 runs checksum\nchecksum with picocli-4.5.0.jar\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aProcessorBuiltAgainstAnOlderPicocliSeesThatPicocliInTheCompilerJvm() throws IOException {
        // the builder runs on JDK 17: a script for 25 compiles in a JVM of JDK 25 (dev.jrun.compile.CompileChild)
        script(dir, "checksum.java", checksum("//JAVA 25+\n"));
        Jrun.Result r = jrun(dir, "--verbose", "checksum.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("picocli 4.5.0 runs checksum\nchecksum with picocli-4.5.0.jar\n", r.out());
        assertTrue(r.err().contains("with JDK 25"), r.err());
    }

    @Test
    void aFailingProcessorIsOneErrorLineNamingItAndTheDepsLine() throws IOException {
        script(dir, "boom.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:words:1.0\n"
                + "//DEPS com.example:boom:1.0\n"
                + "public class boom { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
        Jrun.Result r = jrun(dir, "boom.java").run();
        assertEquals(4, r.status(), r.toString());
        assertEquals("jrun: error: boom.java:3: annotation processor boom.BoomProcessor (from boom-1.0.jar) failed:"
                + " java.lang.IllegalStateException: no config for boom; check that the processor's version fits its"
                + " library's (--verbose shows its stack trace), or turn processors off with //COMPILE_OPTIONS -proc:none\n",
                r.err());
        Jrun.Result verbose = jrun(dir, "--verbose", "boom.java").run();
        assertEquals(4, verbose.status(), verbose.toString());
        assertTrue(verbose.err().contains("at boom.BoomProcessor.process("), verbose.err());

        // and the way out it names
        script(dir, "boom.java", "//REPOS test=" + server.url() + "\n//DEPS com.example:words:1.0\n"
                + "//DEPS com.example:boom:1.0\n//COMPILE_OPTIONS -proc:none\n"
                + "public class boom { public static void main(String[] a) { System.out.println(words.Words.word()); } }\n");
        Jrun.Result off = jrun(dir, "boom.java").run();
        assertEquals("words-1.0\n", off.out(), off.toString());
    }
}
