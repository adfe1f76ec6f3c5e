package dev.jrun.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * The main class of a JShell script's cache entry (ScriptMain starts it as it starts a script's
 * main): evaluates the script's snippets with the jdk.jshell API of the script's own JDK, in this
 * JVM (the local execution engine: no second JVM, unlike the jshell tool), over the class path the
 * builder resolved. As JBang does, the snippets see the arguments as {@code String[] args} and the
 * jshell tool's default imports; {@code /exit N} ends the run with status N. A snippet that does not
 * compile, or throws, stops the run with status 1 and its {@code file:line}.
 *
 * <p>The script's text is the one the builder hashed, packed into the entry's jar ({@link #SCRIPT}),
 * not the file as it is now: what runs is what the cache entry is named for.
 */
public final class JshMain {
    /** The script's text in the entry's app.jar. */
    public static final String SCRIPT = "META-INF/jrun/script.jsh";
    /** The builder's settings for the run (compiler options) in the entry's app.jar. */
    public static final String SETTINGS = "META-INF/jrun/jsh.properties";
    /** In {@link #SETTINGS}: javac options for the snippets, one per line. */
    public static final String COMPILER_OPTIONS = "compiler.options";

    /** What a snippet's failure ends the run with, as jshell's own script runs do. */
    static final int FAILED = 1;

    /** The jshell tool's default start-up before JDK 25 (its DEFAULT.jsh), should the JDK's own be unreadable. */
    private static final String DEFAULT_IMPORTS = "import java.io.*;\nimport java.math.*;\nimport java.net.*;\n"
            + "import java.nio.file.*;\nimport java.util.*;\nimport java.util.concurrent.*;\nimport java.util.function.*;\n"
            + "import java.util.prefs.*;\nimport java.util.regex.*;\nimport java.util.stream.*;\n";

    private final String name;
    private final String text;
    private final PrintStream err;
    private final JShell shell;
    /** Each snippet's first line in the script, by the name its frames have in a stack trace (#ID). */
    private final java.util.Map<String, Integer> lines = new java.util.HashMap<>();

    private JshMain(String name, String text, JShell shell, PrintStream err) {
        this.name = name;
        this.text = text;
        this.shell = shell;
        this.err = err;
    }

    public static void main(String[] args) throws IOException {
        String text = resource(SCRIPT);
        if (text == null) {
            System.err.println("jrun: error: this cache entry has no JShell script in it; run it again with --fresh");
            System.exit(3);
        }
        Properties settings = new Properties();
        String s = resource(SETTINGS);
        if (s != null) {
            settings.load(new java.io.StringReader(s));
        }
        List<String> options = new ArrayList<>();
        settings.getProperty(COMPILER_OPTIONS, "").lines().filter(l -> !l.isEmpty()).forEach(options::add);
        int status;
        try (JShell shell = JShell.builder().executionEngine("local").out(System.out).err(System.err).in(System.in)
                .compilerOptions(options.toArray(new String[0])).build()) {
            for (String entry : dependencies()) {
                shell.addToClasspath(entry);
            }
            JshMain run = new JshMain(displayName(), text, shell, System.err);
            status = run.prelude(args) ? run.run() : FAILED;
        }
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** The script's path as the user would name it: relative to the working directory when it is below it. */
    private static String displayName() {
        String script = System.getProperty(ScriptMain.SCRIPT);
        if (script == null) {
            return "<stdin>";
        }
        Path path = Path.of(script);
        Path here = Path.of(System.getProperty("user.dir", "/"));
        return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
    }

    /** The class path entries the compiler of the snippets needs: this JVM's, but the entry's own jar (jrun's classes). */
    private static List<String> dependencies() {
        String own = null;
        try {
            own = Path.of(JshMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            // then every entry
        }
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty() && !e.equals(own)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JshMain.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The jshell tool's default imports (this JDK's DEFAULT.jsh), then {@code String[] args}. */
    private boolean prelude(String[] args) throws IOException {
        String imports = DEFAULT_IMPORTS;
        try (InputStream in = JShell.class.getModule().getResourceAsStream("jdk/jshell/tool/resources/DEFAULT.jsh")) {
            if (in != null) {
                imports = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        StringBuilder a = new StringBuilder("String[] args = new String[] {");
        for (int i = 0; i < args.length; i++) {
            a.append(i == 0 ? "" : ", ").append(literal(args[i]));
        }
        a.append("};\n");
        for (String snippet : split(imports + a)) {
            if (!quiet(snippet)) {
                err.println("jrun: error: " + name + ": jrun's prelude (default imports, args) does not compile on this JDK;"
                        + " report it");
                return false;
            }
        }
        return true;
    }

    /** A Java string literal for {@code s}. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private List<String> split(String source) {
        List<String> out = new ArrayList<>();
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            out.add(info.source());
            rest = info.remaining();
        }
        return out;
    }

    private boolean quiet(String snippet) {
        for (SnippetEvent e : shell.eval(snippet)) {
            if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Feeds the script's snippets and commands, in order, line by line as the jshell tool reads a
     * file: a line that starts with '/' where no snippet is open is a command; the lines of a
     * snippet are gathered until the source analysis finds it complete (so an expression that
     * ends a line without a ';' is evaluated there, not continued by the next line's "/exit").
     *
     * @return the status the run ends with
     */
    private int run() {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        int from = 0; // the open snippet's text: text[from, to)
        int to = 0;
        while (to < text.length()) {
            int end = text.indexOf('\n', to);
            end = end < 0 ? text.length() : end + 1;
            String line = text.substring(to, end).strip();
            if (text.substring(from, to).isBlank() && line.startsWith("/") && !line.startsWith("//") && !line.startsWith("/*")) {
                Integer exit = command(line, lineOf(to));
                if (exit != null) {
                    return exit;
                }
                from = to = end;
                continue;
            }
            to = end;
            while (from < to) {
                String open = text.substring(from, to);
                SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(open);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    from = to; // blank lines and comments
                } else if (info.completeness().isComplete()) {
                    int used = open.length() - info.remaining().length();
                    // (the snippet's source comes without its leading comments: its place in the text)
                    int start = from + Math.max(0, open.indexOf(firstLine(info.source())));
                    if (!eval(info.source(), start)) {
                        return FAILED;
                    }
                    from += Math.max(used, 1);
                } else {
                    break; // read on
                }
            }
        }
        if (!text.substring(from).isBlank()) {
            // the tool reads to the end, then drops what it has: a script that ends so is a mistake
            int start = from + (text.substring(from).length() - text.substring(from).stripLeading().length());
            err.println("jrun: error: " + name + ":" + lineOf(start) + ": the snippet that starts here is not complete at"
                    + " the end of the script (a missing '}' or ')'?); complete it and run again");
            return FAILED;
        }
        return 0;
    }

    private static String firstLine(String source) {
        String s = source.strip();
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    /** Evaluates one snippet whose text starts at {@code start} of the script: whether the run goes on. */
    private boolean eval(String source, int start) {
        List<SnippetEvent> events = shell.eval(source);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                lines.put("#" + e.snippet().id(), lineOf(start));
            }
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue; // a snippet an earlier definition's replacement touched, not this one
            }
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = shell.diagnostics(e.snippet()).toList();
                for (Diag d : diags) {
                    if (d.isError()) {
                        report(source, start, d);
                    }
                }
                int line = diags.stream().filter(Diag::isError).findFirst()
                        .map(d -> lineOf(start + (int) Math.max(0, Math.min(d.getStartPosition(), source.length()))))
                        .orElse(lineOf(start));
                err.println("jrun: error: " + name + ":" + line + ": the snippet does not compile; fix it and run again");
                return false;
            }
            if (e.exception() != null) {
                Exception x = e.exception();
                String what = x instanceof EvalException ee ? ee.getExceptionClassName()
                        + (ee.getMessage() == null ? "" : ": " + ee.getMessage())
                        : x instanceof UnresolvedReferenceException u ? "it uses " + u.getSnippet().source().strip()
                                .lines().findFirst().orElse("") + ", which is not defined yet"
                        : x.toString();
                err.println("jrun: error: " + name + ":" + lineOf(start) + ": the snippet threw " + what);
                if (x instanceof EvalException) {
                    for (StackTraceElement t : x.getStackTrace()) {
                        if (t.getClassName().startsWith("jdk.jshell.") || t.getClassName().startsWith("jdk.internal.")
                                || t.getClassName().startsWith("java.lang.reflect.") || t.getClassName().startsWith("dev.jrun.")) {
                            break;
                        }
                        Integer first = t.getFileName() == null ? null : lines.get(t.getFileName());
                        // a snippet's frame, as the script's line; the JDK's frames as they are
                        err.println("\tat " + (first == null ? t.toString() : (t.getMethodName().isEmpty()
                                ? "" : t.getMethodName()) + "(" + name + ":" + (first + Math.max(1, t.getLineNumber()) - 1)
                                + ")"));
                    }
                }
                return false;
            }
        }
        return true;
    }

    /** A diagnostic as javac shows one: file:line: error: message, the line, a caret. */
    private void report(String source, int start, Diag d) {
        int pos = start + (int) Math.max(0, Math.min(d.getPosition() < 0 ? 0 : d.getPosition(), source.length()));
        pos = Math.min(pos, text.length());
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = text.indexOf('\n', pos);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        // (jshell's wrapper class has no name: a "location: class" line says nothing)
        String message = d.getMessage(Locale.ROOT).lines().filter(l -> !l.strip().equals("location: class"))
                .collect(java.util.stream.Collectors.joining("\n"));
        err.println(name + ":" + lineOf(pos) + ": error: " + message);
        err.println(text.substring(lineStart, lineEnd));
        err.println(" ".repeat(Math.max(0, pos - lineStart)) + "^");
    }

    /**
     * A jshell command on a line of its own: {@code /exit [STATUS]} (the status the run ends with), or
     * null to go on; the others the tool has are not for scripts.
     */
    private Integer command(String command, int line) {
        String[] words = command.split("\\s+", 2);
        if (words[0].equals("/exit")) {
            if (words.length == 1 || words[1].isBlank()) {
                return 0;
            }
            String value = words[1].strip();
            if (value.matches("-?[0-9]{1,9}")) {
                return Integer.parseInt(value);
            }
            // jshell's /exit takes an int expression too
            for (SnippetEvent e : shell.eval(value)) {
                if (e.causeSnippet() == null && e.status() != Snippet.Status.REJECTED && e.exception() == null
                        && e.value() != null && e.value().matches("-?[0-9]{1,9}")) {
                    return Integer.parseInt(e.value());
                }
            }
            err.println("jrun: error: " + name + ":" + line + ": /exit " + value + ": not an int; write /exit and a number");
            return FAILED;
        }
        err.println("jrun: error: " + name + ":" + line + ": " + words[0] + ": jrun runs snippets and /exit, not the jshell"
                + " tool's other commands; remove it, or run the script with jshell");
        return FAILED;
    }

    private int lineOf(int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
