package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun info and jrun jdks. */
class InfoIT {
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    /** The strings of a JSON list named {@code key} in jrun's output (one item a line). */
    static List<String> jsonList(String json, String key) {
        int start = json.indexOf("\"" + key + "\": [");
        assertTrue(start >= 0, key + " in " + json);
        String body = json.substring(start, json.indexOf("]", start));
        List<String> items = new ArrayList<>();
        Matcher m = Pattern.compile("\n\\s+\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        while (m.find()) {
            items.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return items;
    }

    static String jsonString(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return m.group(1);
    }

    @Test
    void describesTheRunExactly() throws Exception {
        Files.writeString(dir.resolve("tool.java"), """
                //DEPS info.picocli:picocli:4.7.7
                //JAVA_OPTIONS -Dgreeting=hi
                public class tool {
                    public static void main(String[] a) {
                        System.out.println(System.getProperty("greeting") + " " + picocli.CommandLine.VERSION + " " + a.length);
                    }
                }
                """);
        Jrun.Result before = jrun("info", "--json", "tool.java").run();
        ok(before);
        assertTrue(before.out().contains("\"current\": false"), before.out());
        assertTrue(jsonList(before.out(), "classpath").stream().anyMatch(j -> j.endsWith("/picocli-4.7.7.jar")), before.out());
        assertTrue(before.out().contains("\"name\": \"DEPS\""), before.out());
        String entry = jsonString(before.out(), "entry");

        Jrun.Result run = jrun("tool.java", "x").run();
        assertEquals("hi 4.7.7 1\n", run.out(), run.toString());
        assertTrue(Files.isDirectory(Path.of(entry)), "the entry info named is the one the run made: " + entry);

        Jrun.Result after = jrun("info", "--json", "tool.java").run();
        assertTrue(after.out().contains("\"current\": true"), after.out());
        assertEquals("tool", jsonString(after.out(), "main"));
        // the java command line info shows runs the script as jrun does
        for (String key : new String[] {"command", "expanded"}) {
            List<String> cmd = new ArrayList<>(jsonList(after.out(), key));
            cmd.add("y");
            cmd.add("z");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals("hi 4.7.7 2\n", out, key + ": " + cmd);
        }

        Jrun.Result text = jrun("info", "tool.java").run();
        ok(text);
        assertTrue(text.out().contains("tool.java:1: //DEPS info.picocli:picocli:4.7.7"), text.out());
        assertTrue(text.out().contains("current: the next run starts from it"), text.out());
        assertTrue(text.out().contains(entry), text.out());
    }

    @Test
    void tellsWhichJdkAndWhy() throws Exception {
        Files.writeString(dir.resolve("new.java"), "//JAVA 25+\npublic class neu { public static void main(String[] a) {} }\n");
        if (Files.isDirectory(JDK25)) {
            Jrun.Result r = jrun("info", "new.java").run();
            ok(r);
            assertTrue(r.out().contains("jdk         25"), r.out());
            assertTrue(r.out().contains("new.java:1: //JAVA 25+ asks for it"), r.out());
        }
        Jrun.Result r17 = jrun("info", "--java", "17", "new.java").run();
        ok(r17);
        assertTrue(r17.out().contains("jdk         17"), r17.out());
        assertTrue(r17.out().contains("--java 17 asks for it"), r17.out());

        fails(jrun("info", "missing.java").run(), 3, "no such file");
        fails(jrun("info").run(), 2, "SCRIPT");
    }

    @Test
    void jdksListsTheInstalledJdks() throws Exception {
        Jrun.Result r = jrun("jdks").run();
        ok(r);
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("* ")).count(), r.out());
        if (Files.isDirectory(JDK25)) {
            String home25 = Pattern.quote(JDK25.toRealPath().toString());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("[* ] 25[0-9.+]*\\s+" + home25 + ".*")), r.out());
        }
        // JAVA_HOME names the default
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        Jrun.Result withHome = jrun("jdks").env("JAVA_HOME", home.toString()).run();
        assertTrue(withHome.out().lines().anyMatch(l -> l.startsWith("* ") && l.contains(home.toString())
                && l.contains("JAVA_HOME")), withHome.out());
        Jrun.Result json = jrun("jdks", "--json").run();
        ok(json);
        assertTrue(json.out().startsWith("[") && json.out().contains("\"home\": \"" + home + "\""), json.out());
    }
}
