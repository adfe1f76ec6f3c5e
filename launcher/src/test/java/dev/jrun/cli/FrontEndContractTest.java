package dev.jrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The sh front end parses the run's options itself (they must work on a cached run, where no JVM
 * of jrun's starts) and recognises subcommand names; picocli's model (what --help, the man page and
 * the completion show) is the other copy of both. This test reads the front end's option loop and
 * its subcommand-name case line out of launcher/src/main/sh/jrun and holds them to that model.
 */
class FrontEndContractTest {
    static final Path FRONT_END = Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("launcher/src/main/sh/jrun");

    /** Options the front end leaves to the Java CLI (its catch-all {@code -?*) jrun_cli}): no script runs. */
    static final Set<String> CLI_ONLY = Set.of("-h", "--help", "-V", "--version", "--watch");

    /** The front end's option loop: each case pattern, and whether its branch waits for a value (want=). */
    record Item(String pattern, boolean wantsValue) {
    }

    static List<Item> loop;
    static CommandLine model;

    @BeforeAll
    static void read() throws IOException {
        loop = optionLoop(Files.readString(FRONT_END, StandardCharsets.UTF_8));
        model = Main.commandLine();
    }

    /** The case items of {@code case $a in} inside the loop that follows the comment "# Options before SCRIPT". */
    static List<Item> optionLoop(String sh) {
        int at = sh.indexOf("# Options before SCRIPT");
        assertTrue(at >= 0, "the front end's option loop is marked '# Options before SCRIPT'");
        String rest = sh.substring(at).replaceAll("\\\\\n\\s*", " ");
        List<String> lines = rest.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("case $a in")) {
                start = i;
                break;
            }
        }
        assertTrue(start >= 0, "no 'case $a in' in the option loop");
        String indent = lines.get(start).substring(0, lines.get(start).indexOf("case"));
        Pattern item = Pattern.compile("^" + indent + "    ([^ (][^()]*?)\\)(.*)$");
        List<Item> patterns = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).equals(indent + "esac"); i++) {
            Matcher m = item.matcher(lines.get(i));
            if (m.matches()) {
                boolean wants = m.group(2).contains("want=$a");
                for (String p : m.group(1).split("\\|")) {
                    patterns.add(new Item(p.strip(), wants));
                }
            }
        }
        return patterns;
    }

    /** The option names a pattern stands for: NAME, NAME=* and -X?* all name NAME / -X. */
    static String name(String pattern) {
        return pattern.replaceFirst("=\\*$", "").replaceFirst("\\?\\*$", "");
    }

    static boolean special(String pattern) {
        // '--' ends the options, '-' is standard input, '-?*' hands anything else to the CLI, '*' is SCRIPT
        return Set.of("--", "-", "-?*", "*").contains(pattern);
    }

    static OptionSpec option(String name) {
        return model.getCommandSpec().findOption(name);
    }

    @Test
    void theLoopWasRead() {
        assertTrue(loop.size() > 20, loop.toString());
        assertTrue(loop.contains(new Item("--deps", true)), loop.toString());
        assertTrue(loop.contains(new Item("--fresh", false)), loop.toString());
    }

    @Test
    void everyOptionTheFrontEndTakesIsPicocliOptionOfTheRunCommand() {
        for (Item p : loop) {
            if (special(p.pattern())) {
                continue;
            }
            String name = name(p.pattern());
            OptionSpec o = option(name);
            assertTrue(o != null && o.names().length > 0 && List.of(o.names()).contains(name),
                    "the front end takes " + p.pattern() + ", which picocli's run command does not know: add it to JrunCommand");
            if (p.wantsValue() || p.pattern().endsWith("?*")) {
                assertTrue(o.arity().min() >= 1, name + " takes a value in the front end, but not in picocli");
            }
        }
    }

    @Test
    void everyOptionOfTheRunCommandIsTakenByTheFrontEnd() {
        Set<String> taken = new TreeSet<>();
        Set<String> separate = new TreeSet<>();
        Set<String> attached = new TreeSet<>();
        for (Item p : loop) {
            String name = name(p.pattern());
            if (p.pattern().endsWith("=*")) {
                attached.add(name);
            } else if (p.pattern().equals(name)) {
                taken.add(name);
                if (p.wantsValue()) {
                    separate.add(name);
                }
            }
        }
        TreeMap<String, String> wrong = new TreeMap<>();
        for (OptionSpec o : model.getCommandSpec().options()) {
            for (String name : o.names()) {
                if (CLI_ONLY.contains(name)) {
                    continue;
                }
                boolean isLong = name.startsWith("--");
                if (o.arity().min() >= 1) {
                    // NAME VALUE, and for long names NAME=VALUE too
                    if (!separate.contains(name) && !name.equals("--java") && !name.equals("-j")) {
                        wrong.put(name, "takes a value: the front end's loop must have '" + name + ") want=$a'");
                    }
                    if (isLong && !attached.contains(name)) {
                        wrong.put(name, "takes a value: the front end's loop must have '" + name + "=*)'");
                    }
                } else if (o.arity().max() >= 1) {
                    // an optional value: NAME alone, or NAME=VALUE
                    if (!taken.contains(name) || !attached.contains(name)) {
                        wrong.put(name, "has an optional value: the front end's loop must have '" + name + ")' and '"
                                + name + "=*)'");
                    }
                } else if (!taken.contains(name)) {
                    wrong.put(name, "a flag: the front end's loop must have '" + name + ")'");
                }
            }
        }
        // --java is read into java_req by a branch of its own (want=java_req)
        assertTrue(loop.contains(new Item("--java", false)) && loop.contains(new Item("--java=*", false)));
        assertEquals(new TreeMap<>(), wrong, "picocli's run command has options the front end does not take");
    }

    @Test
    void theFrontEndLeavesTheCliItsOwnOptions() {
        for (String name : CLI_ONLY) {
            assertTrue(option(name) != null, name + " is no longer picocli's: take it out of CLI_ONLY");
            assertFalse(loop.stream().anyMatch(p -> name(p.pattern()).equals(name)),
                    name + " is the CLI's: the front end's catch-all hands it over");
        }
    }

    @Test
    void theSubcommandNamesAreThoseOfPicocli() throws IOException {
        String sh = Files.readString(FRONT_END, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("case \\$script in\\n\\s*([a-z| ]+)\\) jrun_cli \"\\$@\" ;;").matcher(sh);
        assertTrue(m.find(), "the front end's subcommand-name case line: 'case $script in' / 'init | info | ...) jrun_cli \"$@\" ;;'");
        Set<String> sh_ = new TreeSet<>();
        for (String n : m.group(1).split("\\|")) {
            sh_.add(n.strip());
        }
        // (a hidden subcommand is the front end's own, started as a class: fetch-url)
        Set<String> shown = new TreeSet<>();
        model.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                shown.add(name);
            }
        });
        assertEquals(shown, sh_,
                "the subcommands the front end hands to the CLI, against picocli's (Subcommands)");
    }
}
