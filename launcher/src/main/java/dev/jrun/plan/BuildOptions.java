package dev.jrun.plan;

/**
 * The options a run was given before the script's name.
 *
 * @param java    --java, overriding //JAVA, or null
 * @param fresh   --fresh: rebuild even if cached
 * @param verbose --verbose: say what happens, and show stack traces
 * @param offline --offline: no network at all
 */
public record BuildOptions(String java, boolean fresh, boolean verbose, boolean offline) {
}
