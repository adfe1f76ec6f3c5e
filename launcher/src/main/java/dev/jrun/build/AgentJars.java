package dev.jrun.build;

import dev.jrun.cache.CacheRoot;
import dev.jrun.cache.Entry;
import dev.jrun.cache.EntryPath;
import dev.jrun.cache.EntryWriter;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -javaagent:} options of a run (//JAVAAGENT AGENT, --javaagent). Each agent jar is a
 * verified copy in the build's lib/, like a dependency. An agent script is built first into its own
 * cache entry (the one {@code jrun AGENT.java} would use), and its file is one of this build's
 * inputs, so that an edit to it rebuilds both.
 */
final class AgentJars {
    private final Planner planner;
    private final BuildOptions options;
    private final PrintStream err;

    AgentJars(Planner planner, BuildOptions options, PrintStream err) {
        this.planner = planner;
        this.options = options;
        this.err = err;
    }

    /** The options; adds an agent script's file and hash to {@code inputs} and {@code sums}. */
    List<String> args(Plan plan, CacheRoot cache, EntryWriter writer, List<Path> inputs, List<String> sums)
            throws IOException {
        List<String> args = new ArrayList<>();
        int n = 0;
        for (Plan.Agent a : plan.agents()) {
            Path jar = a.path();
            if (a.kind() == Plan.Agent.Kind.SCRIPT) {
                Path real = a.path().toRealPath();
                Path agentEntry = EntryPath.of(cache.path(), real, null, "", options.env().vars(), options.env().dir());
                Path built = new Builder(planner, options.plain(), err)
                        .build(agentEntry, real, a.path().getFileName().toString()).entry();
                jar = new Entry(built).current().orElseThrow().resolve(Entry.JAR);
                inputs.add(real);
                sums.add(dev.jrun.Hashing.of(java.nio.file.Files.readAllBytes(real)));
            }
            Path copy = writer.linkJar(jar, Entry.LIB + "/agent-" + (n++) + "-" + jar.getFileName());
            args.add("-javaagent:" + copy + (a.options() == null ? "" : "=" + a.options()));
        }
        return args;
    }
}
