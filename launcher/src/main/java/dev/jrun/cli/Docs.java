package dev.jrun.cli;

import dev.jrun.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Generates jrun's man page and shell completion from its picocli model, at build time (Maven
 * runs it in the package phase): {@code Docs TARGET} writes TARGET/man/jrun.1 (troff),
 * TARGET/completion/jrun.bash (picocli's completion script, which also works in zsh through
 * bashcompinit) and TARGET/completion/_jrun (zsh's site-functions file, which loads it).
 * picocli-codegen's man page generator writes AsciiDoc, which needs Asciidoctor to become a man
 * page; this writes troff from the same model directly.
 */
public final class Docs {
    private final StringBuilder man = new StringBuilder();

    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        CommandLine cl = Main.commandLine();
        Path man = Files.createDirectories(target.resolve("man")).resolve("jrun.1");
        Files.writeString(man, new Docs().page(cl), StandardCharsets.UTF_8);
        Path completion = Files.createDirectories(target.resolve("completion"));
        Files.writeString(completion.resolve("jrun.bash"), completeScripts(AutoComplete.bash("jrun", cl)), StandardCharsets.UTF_8);
        Files.writeString(completion.resolve("_jrun"), ZSH, StandardCharsets.UTF_8);
    }

    /**
     * picocli completes the subcommands' file parameters with file names, but not the top-level
     * command's, where SCRIPT and its ARGS are: add that to the top-level function.
     */
    static String completeScripts(String bash) {
        int fn = bash.indexOf("function _picocli_jrun() {");
        String plain = "    local positionals=\"\"\n";
        int at = fn < 0 ? -1 : bash.indexOf(plain, fn);
        if (at < 0) {
            throw new IllegalStateException("picocli's completion script changed: cannot add file names for SCRIPT");
        }
        int end = at + plain.length();
        return bash.substring(0, end)
                + "    type compopt &>/dev/null && compopt -o filenames\n"
                + "    positionals=$( compgen -f -- \"${curr_word}\" ) # SCRIPT and ARGS: files\n"
                + bash.substring(end);
    }

    /** zsh runs bash completion functions through bashcompinit; ./install fills in @BASH_COMPLETION@. */
    private static final String ZSH = """
            #compdef jrun
            # jrun's completion for zsh: picocli's bash completion script, run through zsh's bashcompinit.
            autoload -U +X bashcompinit && bashcompinit
            source '@BASH_COMPLETION@'
            _bash_complete -F _complete_jrun "$@"
            """;

    private String page(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        line(".TH JRUN 1 \"\" \"jrun " + Version.get() + "\" \"User Commands\"");
        line(".SH NAME");
        line("jrun \\- run a single\\-file Java program, compiled once and cached");
        line(".SH SYNOPSIS");
        synopsis(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            synopsis(sub);
        }
        line(".SH DESCRIPTION");
        paragraph(spec.usageMessage().description());
        line(".SH OPTIONS");
        options(spec);
        line(".SH COMMANDS");
        for (CommandLine sub : root.getSubcommands().values()) {
            command(sub);
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            line(".SH NOTES");
            line(".nf");
            for (String l : footer) {
                text(l);
            }
            line(".fi");
        }
        line(".SH SEE ALSO");
        line("\\fBjava\\fR(1), \\fBjavac\\fR(1)");
        return man.toString();
    }

    private void command(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        line(".SS \"" + spec.qualifiedName() + "\"");
        synopsis(cl);
        paragraph(spec.usageMessage().description());
        options(spec);
        for (CommandLine sub : cl.getSubcommands().values()) {
            command(sub);
        }
    }

    private void synopsis(CommandLine cl) {
        Help help = new Help(cl.getCommandSpec(), Help.defaultColorScheme(Help.Ansi.OFF));
        line(".nf");
        text(help.synopsis(0).stripTrailing());
        line(".fi");
    }

    private void options(CommandSpec spec) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            item("\\fI" + esc(p.paramLabel()) + "\\fR", p.description());
        }
        for (OptionSpec o : spec.options()) {
            StringBuilder label = new StringBuilder();
            for (String name : o.names()) {
                label.append(label.length() == 0 ? "" : ", ").append("\\fB").append(esc(name)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                label.append(o.arity().min() == 0 ? "[=" : "=").append("\\fI").append(esc(o.paramLabel()))
                        .append("\\fR").append(o.arity().min() == 0 ? "]" : "");
            }
            item(label.toString(), o.description());
        }
    }

    private void item(String label, String[] description) {
        line(".TP");
        line(label);
        text(String.join(" ", description));
    }

    private void paragraph(String[] lines) {
        line(".PP");
        for (String l : lines) {
            if (l.isBlank()) {
                line(".PP");
            } else {
                text(l);
            }
        }
    }

    private void text(String s) {
        for (String l : s.split("\n", -1)) {
            String e = esc(l);
            line(e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e);
        }
    }

    private static String esc(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    private void line(String s) {
        man.append(s).append('\n');
    }
}
