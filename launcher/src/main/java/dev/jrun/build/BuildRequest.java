package dev.jrun.build;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the front end asks the builder for: the one reading (and writing) of the builder's
 * arguments, the same for the builder JVM ({@link BuildMain}), the compile server and its warm-up.
 * On the command line (the front end's {@code jrun_build} call) they are nine words, all present,
 * empty when unset: ENTRY SCRIPT NAME JAVA {@code fresh} {@code verbose} {@code offline} GIVEN
 * DEFINES.
 *
 * @param entry the entry the front end named (by the hash it made of the script and settings)
 * @param script the script's path as given (relative to the run's directory), or coordinates
 * @param name the script's name in messages ({@code <stdin>} for standard input)
 * @param java the command line's {@code --java} (a version or range), empty for none
 * @param fresh {@code --fresh}: build even if cached
 * @param verbose {@code --verbose}
 * @param offline {@code --offline}: no network for dependencies
 * @param given the options that stand for directives, as "DIRECTIVE OPTION VALUE" lines
 * @param defines the {@code -D} options, as "NAME=VALUE" lines
 */
public record BuildRequest(String entry, String script, String name, String java, boolean fresh, boolean verbose,
        boolean offline, String given, String defines) {
    /** How many words the front end passes. */
    public static final int ARGS = 9;

    /** The request of the front end's nine words; a usage error for anything else. */
    public static BuildRequest parse(String[] args) {
        if (args.length != ARGS) {
            throw new JrunException(ExitCode.USAGE, "the builder is started by the jrun command, not by hand");
        }
        return new BuildRequest(args[0], args[1], args[2], args[3], flag(args[4], "fresh"), flag(args[5], "verbose"),
                flag(args[6], "offline"), args[7], args[8]);
    }

    /** Whether the words ask for verbose output, read before they are known to be well formed. */
    static boolean verbose(String[] args) {
        return args.length > 5 && args[5].equals("verbose");
    }

    /** The nine words, as the front end writes them. */
    public String[] toArgs() {
        return new String[] {entry, script, name, java, fresh ? "fresh" : "", verbose ? "verbose" : "",
            offline ? "offline" : "", given, defines};
    }

    /** The options that stand for directives, as directives. */
    public List<Directive> directives() {
        List<Directive> list = new ArrayList<>();
        for (String line : given.split("\n")) {
            String[] p = line.split(" ", 3);
            if (p.length == 3) {
                list.add(Directive.ofOption(p[0], p[2], p[1]));
            }
        }
        return list;
    }

    /** The -D options, in order; a later one wins, as with java's -D. */
    public Map<String, String> defineMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : defines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    private static boolean flag(String word, String name) {
        if (word.isEmpty() || word.equals(name)) {
            return !word.isEmpty();
        }
        throw new JrunException(ExitCode.USAGE, "the builder's " + name + " word is '" + word + "', not '" + name
                + "' or empty: the jrun front end and its jars are of different versions; install jrun again");
    }
}
