package dev.jrun.plan;

import dev.jrun.Environment;
import dev.jrun.script.Directive;
import java.util.List;
import java.util.Map;

/**
 * The options a run was given before the script's name.
 *
 * @param java    --java, overriding //JAVA, or null
 * @param fresh   --fresh: rebuild even if cached
 * @param verbose --verbose: say what happens, and show stack traces
 * @param offline --offline: no network at all
 * @param defines -D name=value: for ${name} in directives (the run gets them as system properties too)
 * @param given   the options that stand for directives ({@code --deps} for //DEPS, {@code -s} for
 *                //SOURCES, ...), in order; they count after the script's own
 * @param env     the environment and working directory of the run (a compile server builds for many)
 */
public record BuildOptions(String java, boolean fresh, boolean verbose, boolean offline, Map<String, String> defines,
        List<Directive> given, Environment env) {

    public BuildOptions(String java, boolean fresh, boolean verbose, boolean offline, Map<String, String> defines,
            List<Directive> given) {
        this(java, fresh, verbose, offline, defines, given, Environment.current());
    }

    public BuildOptions(String java, boolean fresh, boolean verbose, boolean offline) {
        this(java, fresh, verbose, offline, Map.of(), List.of());
    }

    /** The same options for a build of another script (an agent's) in the same run. */
    public BuildOptions plain() {
        return new BuildOptions(null, false, verbose, offline, Map.of(), List.of(), env);
    }
}
