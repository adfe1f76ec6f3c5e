package dev.jrun.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.plan.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgFileTest {
    @TempDir
    Path tmp;

    @Test
    void everyArgumentIsQuotedAndEscaped() {
        assertEquals("\"-cp\"\n\"/a b/c\\\"d\\\\e.jar\"\n\"x\\ny\"\n",
                ArgFile.format(List.of("-cp", "/a b/c\"d\\e.jar", "x\ny")));
        assertEquals("\"\\t\\r\\f\"\n\"\"\n\"'#@$\"\n", ArgFile.format(List.of("\t\r\f", "", "'#@$")));
        assertEquals("", ArgFile.format(List.of()));
    }

    /** What the java launcher makes of a file ArgFile wrote: the same arguments, to the JVM and to main. */
    @Test
    void theJavaLauncherReadsBackWhatWasWritten() throws IOException, InterruptedException {
        List<String> tricky = List.of("plain", "a  b", "it's", "q\"uote", "back\\slash", "C:\\dir\\", "tab\there", "new\nline",
                "cr\rx", "ff\fx", "", "#not a comment", "\u00fc\u20ac\ud83d\ude00", "@notafile", "$HOME", "*", " lead", "trail ");
        Path echo = tmp.resolve("Echo.java");
        Files.writeString(echo, """
                public class Echo {
                    static String escaped(String s) {
                        StringBuilder b = new StringBuilder("[");
                        s.codePoints().forEach(c -> b.append(c >= 32 && c < 127 ? Character.toString(c) : "\\\\u{" + Integer.toHexString(c) + "}"));
                        return b.append("]").toString();
                    }
                    public static void main(String[] args) {
                        System.out.println(escaped(System.getProperty("jrun.test")));
                        for (String a : args) {
                            System.out.println(escaped(a));
                        }
                    }
                }
                """);
        List<String> args = new ArrayList<>();
        args.add("-Djrun.test=" + String.join("|", tricky));
        args.add(echo.toString());
        args.addAll(tricky);
        Path file = tmp.resolve("java.args");
        Files.writeString(file, ArgFile.format(args), StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin/java").toString(), "@" + file)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);

        StringBuilder expected = new StringBuilder(escaped(String.join("|", tricky))).append('\n');
        tricky.forEach(a -> expected.append(escaped(a)).append('\n'));
        assertEquals(expected.toString(), out);
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder("[");
        s.codePoints().forEach(c -> b.append(c >= 32 && c < 127 ? Character.toString(c) : "\\u{" + Integer.toHexString(c) + "}"));
        return b.append("]").toString();
    }

    @Test
    void shQuotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertEquals("''", Sh.quote(""));
        assertEquals("[ -f '/a b' ]", ShellTest.of(new Check.FileExists(java.nio.file.Path.of("/a b"))));
        assertEquals("[ -z \"${X+set}\" ]", ShellTest.of(new Check.EnvIs("X", null)));
        assertEquals("false", ShellTest.of(new Check.EnvIs("bad name", "v")));
    }

    /** Each quoted word, given to printf in dash (and sh, bash), comes out as it went in. */
    @Test
    void shQuotedWordsAreReadBackUnchangedByTheShells() throws Exception {
        List<String> words = List.of("", "'", "''", "it's", "a  b", "$HOME", "${x:-y}", "$(echo no)", "`echo no`", "\\",
                "\\'", "*", "?", "[a]", "~", "new\nline", "tab\t", "-n", "%s", "!x", "\u00fc\u20ac", "a\"b", "#c", ";&|<>()");
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String w : words) {
            script.append("printf '<%s>' ").append(Sh.quote(w)).append('\n');
            expected.append('<').append(w).append('>');
        }
        for (String shell : FrontEndShell.shells()) {
            FrontEndShell.Run r = FrontEndShell.run(shell, script.toString(), java.util.Map.of("LC_ALL", "C.UTF-8"), tmp);
            assertEquals(0, r.status(), shell + ": " + r);
            assertEquals(expected.toString(), r.out(), shell);
        }
    }
}
