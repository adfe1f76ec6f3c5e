package dev.jrun.plan;

import dev.jrun.script.Directives;
import dev.jrun.script.Script;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the builder needs to compile a script and everything the launch needs to run it,
 * decided before anything is compiled.
 *
 * @param inputs         the files the build reads
 * @param jdk            the JDK that compiles and runs the script
 * @param dependencies   the resolved //DEPS
 * @param compileOptions javac options beyond jrun's own
 * @param runtimeOptions JVM options from //JAVA_OPTIONS
 * @param main           //MAIN, if given
 * @param preview        //PREVIEW
 * @param noAot          //NOAOT
 * @param manifest       //MANIFEST attributes (with Premain-Class and Agent-Class added by the builder
 *                       when the script is an agent)
 * @param checks         what the front end checks on each cached run, beside the input files' hashes
 * @param agents         the Java agents the run starts with (//JAVAAGENT AGENT, --javaagent)
 * @param agent          //JAVAAGENT alone: the script is a Java agent
 */
public record Plan(Inputs inputs, Jdk jdk, Resolution dependencies, List<String> compileOptions,
        List<String> runtimeOptions, Optional<String> main, boolean preview, boolean noAot,
        Map<String, String> manifest, List<Check> checks, List<Agent> agents, boolean agent) {

    /**
     * A Java agent for the run: {@code -javaagent:JAR[=options]}.
     *
     * @param kind    a jar, or a script the builder builds into a cache entry of its own
     * @param path    the jar or the script
     * @param options its options, or null
     */
    public record Agent(Kind kind, Path path, String options) {
        public enum Kind { JAR, SCRIPT }
    }

    /**
     * The files a build reads.
     *
     * @param script     the script
     * @param directives its directives and those of its //SOURCES files
     * @param sources    the //SOURCES files
     * @param resources  the //FILES, each with its place in the jar
     */
    public record Inputs(Script script, Directives directives, List<Source> sources, List<Resource> resources) {
    }

    /** A //SOURCES file, read once: the text compiled is the text hashed. */
    public record Source(Script script) {
        /** Its real path. */
        public Path path() {
            return script.realPath();
        }

        /** Its name in messages. */
        public String name() {
            return script.name();
        }
    }

    /**
     * A //FILES entry: where it goes in the jar, the file, and its bytes as read once (what is packed
     * is what is hashed).
     */
    public record Resource(String target, Path file, byte[] content, String sha256) {
    }
}
