package dev.jrun.it.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ```console block of the documentation, read as a session to replay: its commands, what each
 * prints, and the files it shows with {@code $ cat NAME}. The convention is written down in
 * docs/README.md ("The examples in these pages are tests"); this class is its one reader.
 *
 * @param source  the file and line of the block's fence, for messages
 * @param files   the files the block shows ({@code $ cat NAME} and content), written before it runs
 * @param steps   the commands, in order, each with its expected output
 * @param noTest  why the block is not run (an HTML comment {@code <!-- no-test: WHY -->} before it), or empty
 */
record ConsoleBlock(String source, Map<String, String> files, List<Step> steps, Optional<String> noTest) {
    /** A command and the lines it is expected to print, stdout and stderr together. */
    record Step(String command, List<String> expected) {
    }

    private static final String FENCE = "```console";
    private static final Pattern NO_TEST = Pattern.compile("<!--\\s*no-test:\\s*(.*?)\\s*-->");
    private static final Pattern CAT = Pattern.compile("cat ([A-Za-z0-9._/-]+)");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    /** Every console block of a Markdown text; {@code name} says where it comes from. */
    static List<ConsoleBlock> parse(String name, String markdown) {
        List<ConsoleBlock> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(FENCE)) {
                continue;
            }
            int fence = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                body.add(lines.get(i));
            }
            blocks.add(block(name + ":" + (fence + 1), body, noTest(lines, fence)));
        }
        return blocks;
    }

    private static Optional<String> noTest(List<String> lines, int fence) {
        for (int j = fence - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                Matcher m = NO_TEST.matcher(lines.get(j));
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ConsoleBlock block(String source, List<String> body, Optional<String> noTest) {
        Map<String, String> files = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int i = 0;
        if (!body.isEmpty() && !body.get(0).startsWith("$ ")) {
            throw new IllegalArgumentException(source + ": a console block starts with a command ('$ ...')");
        }
        while (i < body.size()) {
            StringBuilder command = new StringBuilder(body.get(i).substring(2));
            i++;
            // a command goes on over a line ending in '\', and through a heredoc's body
            while (command.toString().endsWith("\\") && i < body.size()) {
                command.append('\n').append(body.get(i++));
            }
            Matcher heredoc = HEREDOC.matcher(command);
            if (heredoc.find()) {
                String end = heredoc.group(2);
                while (i < body.size()) {
                    String line = body.get(i++);
                    command.append('\n').append(line);
                    if (line.strip().equals(end)) {
                        break;
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            while (i < body.size() && !body.get(i).startsWith("$ ")) {
                expected.add(body.get(i++));
            }
            Matcher cat = CAT.matcher(command);
            if (cat.matches() && !expected.isEmpty()) {
                files.put(cat.group(1), String.join("\n", expected) + "\n");
            }
            steps.add(new Step(command.toString(), List.copyOf(expected)));
        }
        return new ConsoleBlock(source, files, List.copyOf(steps), noTest);
    }

    /**
     * Whether a command's output is what the block shows: line by line, a line {@code ...} standing
     * for any number of lines and {@code <...>} for any text within a line. Trailing white space
     * does not count (editors and Markdown drop it).
     */
    static boolean matches(List<String> expected, String actual) {
        return pattern(expected).matcher(normalise(actual)).matches();
    }

    static Pattern pattern(List<String> expected) {
        StringBuilder re = new StringBuilder();
        for (String line : expected) {
            String l = line.stripTrailing();
            if (l.equals("...")) {
                re.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            String[] parts = l.split("<\\.\\.\\.>", -1);
            for (int p = 0; p < parts.length; p++) {
                if (p > 0) {
                    re.append("[^\\n]*");
                }
                if (!parts[p].isEmpty()) {
                    re.append(Pattern.quote(parts[p]));
                }
            }
            re.append("\\n");
        }
        return Pattern.compile(re.toString());
    }

    static String normalise(String output) {
        StringBuilder s = new StringBuilder();
        output.lines().forEach(l -> s.append(l.stripTrailing()).append('\n'));
        return s.toString();
    }
}
