package dev.jrun.plan;

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
 */
public record BuildOptions(String java, boolean fresh, boolean verbose, boolean offline, Map<String, String> defines,
        List<Directive> given) {

    public BuildOptions(String java, boolean fresh, boolean verbose, boolean offline) {
        this(java, fresh, verbose, offline, Map.of(), List.of());
    }
}
