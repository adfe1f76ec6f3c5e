package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option table of docs/scripts-and-directives.md and picocli's model of the run command (the
 * one --help and man jrun print) name the same options: one added to either is added to both.
 */
class OptionTableTest {
    static final Path PAGE = Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("docs/scripts-and-directives.md");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NAME = Pattern.compile("^(--[A-Za-z][A-Za-z0-9-]*|-[A-Za-z])");

    /** The option names in the first column of the table headed "| option | meaning |". */
    static Set<String> documented(String markdown) {
        List<String> lines = markdown.lines().toList();
        int head = lines.indexOf("| option | meaning |");
        assertTrue(head >= 0, PAGE + " has a table headed '| option | meaning |'");
        Set<String> names = new TreeSet<>();
        for (int i = head + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String first = lines.get(i).substring(1, lines.get(i).indexOf('|', 1));
            Matcher code = CODE.matcher(first);
            while (code.find()) {
                Matcher name = NAME.matcher(code.group(1));
                assertTrue(name.find(), "not an option: `" + code.group(1) + "` in " + lines.get(i));
                names.add(name.group(1));
            }
        }
        return names;
    }

    @Test
    void theTableNamesEveryOptionOfTheRunCommandAndNoOther() throws IOException {
        Set<String> doc = documented(Files.readString(PAGE, StandardCharsets.UTF_8));
        Set<String> model = new TreeSet<>();
        for (OptionSpec o : Main.commandLine().getCommandSpec().options()) {
            model.addAll(List.of(o.names()));
        }
        Set<String> missing = new TreeSet<>(model);
        missing.removeAll(doc);
        Set<String> extra = new TreeSet<>(doc);
        extra.removeAll(model);
        assertEquals(Set.of(), missing, "options of the run command (JrunCommand) missing from " + PAGE);
        assertEquals(Set.of(), extra, "options in " + PAGE + "'s table that the run command does not have");
    }

    @Test
    void readsTheFirstColumnOnly() {
        String md = "| option | meaning |\n| --- | --- |\n| `-j N`, `--java N+` | JDK `N` |\n| `-DNAME=VALUE` | x |\n\nafter\n";
        assertEquals(Set.of("-j", "--java", "-D"), documented(md));
    }
}
