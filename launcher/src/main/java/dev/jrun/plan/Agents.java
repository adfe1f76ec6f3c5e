package dev.jrun.plan;

import dev.jrun.script.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JBang's Java agents: {@code //JAVAAGENT} alone makes the script an agent (its jar's manifest names
 * its class as Premain-Class and Agent-Class; {@code Name=value} words add manifest attributes such
 * as Can-Retransform-Classes), while {@code //JAVAAGENT AGENT[=options]} and
 * {@code --javaagent=AGENT[=options]} run the script with an agent: a jar, a script (built into its
 * own cache entry) or Maven coordinates.
 */
final class Agents {
    private Agents() {
    }

    /** The agent part of {@code AGENT[=options]}. */
    static String target(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? word : word.substring(0, eq);
    }

    static boolean isCoordinate(String agent) {
        return agent.contains(":") && !agent.contains("/") && !agent.endsWith(".jar") && !agent.endsWith(".java");
    }

    private static boolean isAgent(String agent) {
        return isCoordinate(agent) || agent.endsWith(".jar") || agent.endsWith(".java");
    }

    /**
     * @param agents   the agents the run starts with
     * @param self     the script is an agent itself
     * @param manifest its agent's manifest attributes beyond Premain-Class and Agent-Class
     */
    record Found(List<Plan.Agent> agents, boolean self, Map<String, String> manifest) {
    }

    static Found of(List<Directive> directives, Resolution deps, Path scriptDir, Path cwd) {
        List<Plan.Agent> agents = new ArrayList<>();
        Map<String, String> manifest = new LinkedHashMap<>();
        boolean self = false;
        for (Directive d : directives) {
            if (!d.name().equals("JAVAAGENT")) {
                continue;
            }
            List<String> words = d.words();
            self |= words.isEmpty();
            Path dir = d.line() == 0 ? cwd : scriptDir;
            for (String word : words) {
                String agent = target(word);
                String options = word.length() > agent.length() ? word.substring(agent.length() + 1) : null;
                if (!isAgent(agent)) {
                    if (d.line() == 0) {
                        throw d.error("'" + word + "' is not an agent; write --javaagent=AGENT[=options], AGENT being"
                                + " a .jar, a .java script or group:artifact:version");
                    }
                    manifest.put(agent, options == null ? "true" : options);
                    self = true;
                    continue;
                }
                if (isCoordinate(agent)) {
                    agents.add(new Plan.Agent(Plan.Agent.Kind.JAR, jarOf(agent, deps, d), options));
                    continue;
                }
                Path file = dir.resolve(agent).normalize();
                if (!Files.isRegularFile(file)) {
                    throw d.error(agent + ": no such file (paths are relative to " + dir + ")");
                }
                agents.add(new Plan.Agent(agent.endsWith(".java") ? Plan.Agent.Kind.SCRIPT : Plan.Agent.Kind.JAR,
                        file.toAbsolutePath(), options));
            }
        }
        return new Found(List.copyOf(agents), self, manifest);
    }

    /** The resolved jar of {@code group:artifact[:version]}: the class path entry in its directory of the local repository. */
    private static Path jarOf(String gav, Resolution deps, Directive d) {
        String[] p = gav.split("@")[0].split(":");
        String dir = "/" + p[0].replace('.', '/') + "/" + p[1] + "/";
        for (Path jar : deps.classpath()) {
            if (jar.toString().contains(dir) && jar.getFileName().toString().startsWith(p[1] + "-")) {
                return jar;
            }
        }
        throw d.error(gav + ": the agent was not resolved; check its coordinates");
    }
}
