package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun export maven: the project builds offline and its jar runs like the script. */
class ExportIT {
    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    static String run(Path in, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    @Test
    void aScriptBecomesAMavenProjectThatBuildsOfflineAndRunsTheSame() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/Shout.java"), """
                package util;
                public class Shout {
                    public static String loud(String s) { return s.toUpperCase() + "!"; }
                }
                """);
        Files.writeString(dir.resolve("greeting.txt"), "bonjour");
        Files.writeString(dir.resolve("app.java"), """
                ///usr/bin/env jrun "$0" "$@" ; exit $?
                //DEPS info.picocli:picocli:4.7.7
                //SOURCES lib/Shout.java
                //FILES greeting.txt
                //JAVA_OPTIONS -Dmode=script
                //COMPILE_OPTIONS -Xlint:all
                package demo;

                import java.io.InputStream;
                import picocli.CommandLine;
                import picocli.CommandLine.Command;
                import picocli.CommandLine.Parameters;

                @Command(name = "app")
                public class App implements Runnable {
                    @Parameters String who;

                    public void run() {
                        try (InputStream in = App.class.getResourceAsStream("/greeting.txt")) {
                            System.out.println(new String(in.readAllBytes()) + " " + util.Shout.loud(who));
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }

                    public static void main(String[] args) {
                        System.exit(new CommandLine(new App()).execute(args));
                    }
                }
                """);
        Jrun.Result script = jrun("app.java", "maven").run(); // also puts picocli in the local repository
        assertEquals("bonjour MAVEN!\n", script.out(), script.toString());

        Path project = dir.resolve("project");
        ok(jrun("export", "maven", "app.java", "project").run());
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/demo/App.java")));
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/util/Shout.java")));
        assertEquals("bonjour", Files.readString(project.resolve("src/main/resources/greeting.txt")));
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>picocli</artifactId>") && pom.contains("<version>4.7.7</version>"), pom);
        assertTrue(pom.contains("<arg>-Xlint:all</arg>"), pom);
        assertTrue(pom.contains("<argument>-Dmode=script</argument>"), pom);
        assertTrue(pom.contains("<mainClass>demo.App</mainClass>"), pom);

        run(project, "mvn", "-o", "-q", "-B", "package");
        String jar = run(project, "java", "-jar", "target/app.jar", "maven");
        assertEquals(script.out(), jar);

        // into a directory that is not empty: refused, nothing written
        fails(jrun("export", "maven", "app.java", "project").run(), 2, "is not empty");
        fails(jrun("export", "maven", "app.java", "greeting.txt").run(), 2, "is not a directory");
        fails(jrun("export", "maven", "nothere.java", "other").run(), 3, "no such file");
        assertTrue(Files.notExists(dir.resolve("other")));
    }

    @Test
    void gavNamesTheJarDependenciesAreListedOnceAndTheMainClassIsTheRunsOne() throws Exception {
        // JBang, all_directives.adoc: "//GAV ... Used by the export command in generating Maven or
        // Gradle project"; exporting.adoc: //FILES "are inserted under resources folder", at the
        // place a run has them (the class path's root for a file named without a target)
        Files.createDirectories(dir.resolve("res"));
        Files.writeString(dir.resolve("res/msg.txt"), "resource");
        Files.writeString(dir.resolve("Util.java"), """
                //DEPS info.picocli:picocli:4.7.7
                class Util { static String v() { return picocli.CommandLine.class.getSimpleName(); } }
                """);
        Files.writeString(dir.resolve("tool.java"), """
                //GAV org.acme:tool:2.0
                //DEPS info.picocli:picocli:4.7.7
                //SOURCES Util.java
                //FILES res/msg.txt
                class Helper {}
                public class App {
                    public static void main(String[] a) throws Exception {
                        System.out.println(Util.v() + " " + new String(App.class.getResourceAsStream("/msg.txt").readAllBytes()));
                    }
                }
                """);
        Jrun.Result script = jrun("tool.java").run();
        assertEquals("CommandLine resource\n", script.out(), script.toString());
        Jrun.Result r = jrun("export", "maven", "tool.java", "p").run();
        ok(r);
        assertTrue(r.out().contains("java -jar target/tool.jar"), r.out());
        String pom = Files.readString(dir.resolve("p/pom.xml"));
        assertEquals(1, pom.split("<artifactId>picocli</artifactId>", -1).length - 1, pom);
        assertTrue(pom.contains("<mainClass>App</mainClass>"), pom);
        assertEquals("resource", Files.readString(dir.resolve("p/src/main/resources/msg.txt")));
        run(dir.resolve("p"), "mvn", "-o", "-q", "-B", "package");
        assertEquals(script.out(), run(dir.resolve("p"), "java", "-jar", "target/tool.jar"));
    }
}
