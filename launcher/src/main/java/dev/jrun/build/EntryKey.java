package dev.jrun.build;

import dev.jrun.Hashing;
import dev.jrun.Version;
import dev.jrun.plan.Plan;

/** Everything that decides what a build holds, hashed: a build whose key matches is current. */
public final class EntryKey {
    private EntryKey() {
    }

    private static String hash(java.nio.file.Path file) {
        try {
            return Hashing.of(file);
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    public static String of(Plan plan) {
        StringBuilder k = new StringBuilder();
        k.append("jrun ").append(Version.get()).append('\n');
        k.append("jdk ").append(plan.jdk().home()).append(' ').append(Hashing.of(plan.jdk().release())).append('\n');
        k.append("script ").append(plan.inputs().script().sha256()).append('\n');
        for (Plan.Source s : plan.inputs().sources()) {
            k.append("source ").append(s.path()).append(' ').append(s.script().sha256()).append('\n');
        }
        for (Plan.Resource r : plan.inputs().resources()) {
            k.append("file ").append(r.target()).append(' ').append(r.file()).append(' ').append(r.sha256()).append('\n');
        }
        for (Plan.Agent a : plan.agents()) {
            k.append("agent ").append(a.path()).append(' ').append(hash(a.path())).append(' ').append(a.options()).append('\n');
        }
        k.append("agent-self ").append(plan.agent()).append('\n');
        k.append("deps ").append(plan.dependencies().key()).append('\n');
        plan.dependencies().classpath().forEach(j -> k.append("cp ").append(j).append('\n'));
        plan.compileOptions().forEach(o -> k.append("javac ").append(o).append('\n'));
        plan.runtimeOptions().forEach(o -> k.append("java ").append(o).append('\n'));
        k.append("main ").append(plan.main().orElse("")).append('\n');
        k.append("preview ").append(plan.preview()).append(" noaot ").append(plan.noAot()).append('\n');
        plan.manifest().forEach((n, v) -> k.append("manifest ").append(n).append('=').append(v).append('\n'));
        return Hashing.of(k.toString());
    }
}
