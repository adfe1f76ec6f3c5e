package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.plan.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The dependency policy in force: the system's file ({@code /etc/jrun/policy}) and the user's
 * ({@code $XDG_CONFIG_HOME/jrun/policy}, else {@code ~/.config/jrun/policy}), each applied on its own,
 * so an artifact must pass both. A build stops at the first violation; {@code jrun check} collects them all.
 */
public final class DependencyPolicy {
    public static final Path SYSTEM = Path.of("/etc/jrun/policy");
    public static final DependencyPolicy NONE = new DependencyPolicy(List.of(), List.of(), false);

    private final List<PolicyFile> files;
    /** Where a policy file could be but is not. */
    private final List<Path> absent;
    private final boolean collect;
    private final List<Violation> violations = new ArrayList<>();

    DependencyPolicy(List<PolicyFile> files, List<Path> absent, boolean collect) {
        this.files = files;
        this.absent = absent;
        this.collect = collect;
    }

    DependencyPolicy(List<PolicyFile> files, boolean collect) {
        this(files, List.of(), collect);
    }

    /** The policy files that exist, read now. */
    public static DependencyPolicy load(Map<String, String> env) {
        List<PolicyFile> files = new ArrayList<>();
        List<Path> absent = new ArrayList<>();
        for (Path p : locations(env)) {
            if (Files.exists(p)) {
                files.add(PolicyFile.read(p));
            } else {
                absent.add(p);
            }
        }
        return new DependencyPolicy(List.copyOf(files), List.copyOf(absent), false);
    }

    /** Where policy files are looked for: the system's, then the user's. */
    static List<Path> locations(Map<String, String> env) {
        return List.of(SYSTEM, dev.jrun.UserDirs.config(env, dev.jrun.UserDirs.home(env)).resolve("policy"));
    }

    /** The same rules, recording every violation instead of failing at the first. */
    public DependencyPolicy collecting() {
        return new DependencyPolicy(files, absent, true);
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * What the cache entry must check on each cached run: that no policy file in force changed since
     * the build, and that none was created where there was none (one builtin test a place).
     */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        files.forEach(f -> checks.add(new Check.PolicyUnchanged(f.file())));
        // a policy file created where there was none must reach this entry too: one builtin test each
        absent.forEach(p -> checks.add(new Check.PolicyAbsent(p)));
        return checks;
    }

    /** Checks the repositories and every artifact of the collected graph under {@code root} (may be null). */
    public void enforce(DepsSpec spec, DependencyNode root, List<RemoteRepository> repos) {
        if (files.isEmpty()) {
            return;
        }
        for (RemoteRepository r : repos) {
            List<String> ids = new ArrayList<>(List.of(r.getId()));
            List<String> urls = new ArrayList<>(List.of(r.getUrl()));
            r.getMirroredRepositories().forEach(m -> {
                ids.add(m.getId());
                urls.add(m.getUrl());
            });
            for (PolicyFile f : files) {
                Optional<String> why = f.refusesRepo(ids, urls);
                if (why.isPresent()) {
                    report(new Violation(repoWhere(ids, spec), "repository " + r.getId() + " (" + r.getUrl() + ")",
                            why.get()));
                    break;
                }
            }
        }
        if (root != null) {
            Set<String> seen = new HashSet<>();
            for (DependencyNode top : root.getChildren()) {
                walk(top, new ArrayList<>(), whereOf(top.getArtifact(), spec), seen);
            }
        }
    }

    /** Checks artifacts a lock file lists ({@code group:artifact:extension[:classifier]:version}). */
    public void enforceLocked(List<String> coords, Path lockFile, DepsSpec spec, List<RemoteRepository> repos) {
        enforce(spec, null, repos);
        for (String c : coords) {
            String[] p = c.split(":");
            check(p[0], p[1], p[p.length - 1], lockFile.toString(), "locked " + p[0] + ":" + p[1] + ":" + p[p.length - 1]);
        }
    }

    private void walk(DependencyNode node, List<String> path, String where, Set<String> seen) {
        Artifact a = node.getArtifact();
        if (a == null) {
            return;
        }
        String gav = a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion();
        path.add(gav);
        if (seen.add(gav)) {
            check(a.getGroupId(), a.getArtifactId(), a.getVersion(), where, "//DEPS " + String.join(" -> ", path));
            for (DependencyNode child : node.getChildren()) {
                walk(child, path, where, seen);
            }
        }
        path.remove(path.size() - 1);
    }

    private void check(String g, String a, String v, String where, String chain) {
        for (PolicyFile f : files) {
            Optional<String> why = f.refuses(g, a, v);
            if (why.isPresent()) {
                report(new Violation(where, chain, why.get()));
                return;
            }
        }
    }

    private void report(Violation v) {
        if (!collect) {
            throw new JrunException(ExitCode.DEPENDENCY, v.error());
        }
        violations.add(v);
    }

    private static String whereOf(Artifact a, DepsSpec spec) {
        for (Coordinate c : spec.deps()) {
            if (a != null && c.groupId().equals(a.getGroupId()) && c.artifactId().equals(a.getArtifactId())) {
                return c.directive().where();
            }
        }
        return spec.deps().isEmpty() ? "" : spec.deps().get(0).directive().file();
    }

    private static String repoWhere(List<String> ids, DepsSpec spec) {
        for (Repo r : spec.repos()) {
            if (ids.contains(r.id()) && r.directive() != null) {
                return r.directive().where();
            }
        }
        return spec.deps().isEmpty() ? "" : spec.deps().get(0).directive().file();
    }
}
