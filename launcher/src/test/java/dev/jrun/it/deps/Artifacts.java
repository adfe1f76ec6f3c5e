package dev.jrun.it.deps;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The artifacts the dependency tests resolve, built into a {@link MavenRepo}:
 * <pre>
 *   com.example:words:1.0, 1.1, 2.0     words.Words.word() = "words-VERSION" (with metadata, for ranges)
 *   com.example:greet:1.0               greet.Greet.hello(name), depends on words:1.0
 *   com.example:example-bom:1.0@pom     manages greet:1.0 and words:1.1
 *   com.example:nat:1.0:CLASSIFIER      nat.Native.platform() = CLASSIFIER (this machine's os.detected.classifier)
 *   com.example:gen:1.0                 an annotation processor: @gen.Hello class X makes class Generated_X
 *   com.example:nopom:1.0               a jar without its POM
 *   com.example:corrupt:1.0             a jar whose .sha1 and .md5 do not match it
 * </pre>
 */
public final class Artifacts {
    static final String G = "com.example";

    private Artifacts() {
    }

    static void build(MavenRepo repo) {
        for (String v : List.of("1.0", "1.1", "2.0")) {
            repo.library(G, "words", v, Map.of("words.Words", "package words; public class Words {"
                    + " public static String word() { return \"words-" + v + "\"; } }"), List.of(), List.of());
        }
        repo.metadata(G, "words", "1.0", "1.1", "2.0");
        Path words = repo.dir(G, "words", "1.0").resolve("words-1.0.jar");
        repo.library(G, "greet", "1.0", Map.of("greet.Greet", "package greet; public class Greet {"
                + " public static String hello(String n) { return \"hello \" + n + \" with \" + words.Words.word(); } }"),
                List.of(G + ":words:1.0"), List.of(words));
        repo.pom(G, "example-bom", "1.0", "pom", List.of(), List.of(G + ":greet:1.0", G + ":words:1.1"));

        repo.pom(G, "nat", "1.0", "jar", List.of(), List.of());
        repo.jar(G, "nat", "1.0", classifier(), Map.of("nat.Native", "package nat; public class Native {"
                + " public static String platform() { return \"" + classifier() + "\"; } }"), Map.of(), List.of());

        repo.pom(G, "gen", "1.0", "jar", List.of(), List.of());
        repo.jar(G, "gen", "1.0", "", Map.of("gen.Hello", HELLO, "gen.HelloProcessor", PROCESSOR),
                Map.of("META-INF/services/javax.annotation.processing.Processor", "gen.HelloProcessor\n"), List.of());

        repo.jar(G, "nopom", "1.0", "", Map.of("nopom.X", "package nopom; public class X {}"), Map.of(), List.of());

        Path corrupt = repo.library(G, "corrupt", "1.0", Map.of("corrupt.X", "package corrupt; public class X {}"),
                List.of(), List.of());
        MavenRepo.overwrite(corrupt.resolveSibling(corrupt.getFileName() + ".sha1"), "0123456789abcdef0123456789abcdef01234567");
        MavenRepo.overwrite(corrupt.resolveSibling(corrupt.getFileName() + ".md5"), "0123456789abcdef0123456789abcdef");
    }

    static final String HELLO = "package gen; import java.lang.annotation.*;"
            + " @Retention(RetentionPolicy.SOURCE) @Target(ElementType.TYPE) public @interface Hello {}";

    static final String PROCESSOR = """
            package gen;
            import java.io.Writer;
            import java.util.Set;
            import javax.annotation.processing.*;
            import javax.lang.model.SourceVersion;
            import javax.lang.model.element.*;
            @SupportedAnnotationTypes("gen.Hello")
            public class HelloProcessor extends AbstractProcessor {
                @Override public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }
                @Override public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
                    for (TypeElement a : annotations) {
                        for (Element e : env.getElementsAnnotatedWith(a)) {
                            String name = "Generated_" + e.getSimpleName();
                            try (Writer w = processingEnv.getFiler().createSourceFile(name, e).openWriter()) {
                                w.write("public class " + name + " { public static String greeting() {"
                                        + " return \\"generated for " + e.getSimpleName() + "\\"; } }");
                            } catch (java.io.IOException x) {
                                throw new RuntimeException(x);
                            }
                        }
                    }
                    return true;
                }
            }
            """;

    /** os-maven-plugin's classifier for this machine, as jrun computes ${os.detected.classifier}. */
    static String classifier() {
        String arch = System.getProperty("os.arch");
        arch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> arch;
        };
        return "linux-" + arch;
    }

    /** A script file in {@code dir}. */
    public static Path script(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** jrun in {@code dir} with its own cache, local repository and HOME (no settings.xml unless a test writes one). */
    public static Jrun jrun(Path dir, String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"))
                .env("JRUN_REPO", dir.resolve("m2").toString())
                .env("HOME", dir.resolve("home").toString())
                .env("JRUN_SETTINGS", null).env("JRUN_PROGRESS", null).env("JRUN_ALLOW_HTTP", null)
                .env("MAVEN_OPTS", null);
    }
}
