package dev.jrun.deps;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Check;
import dev.jrun.plan.DependencyResolver;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Resolution;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Resolves a script's //DEPS with Maven Resolver, in the builder only: a cached run reads its class
 * path from the cache entry and resolves nothing. When SCRIPT.lock exists, exactly the artifacts it
 * lists are used, and each must have the SHA-256 it records.
 */
public final class MavenResolver implements DependencyResolver {
    private final Map<String, String> env;
    private final PrintStream err;
    private final DependencyPolicy policy;

    public MavenResolver() {
        this(Environment.current().vars(), System.err);
    }

    /** A resolver under this policy (jrun check passes one that collects every violation). */
    public MavenResolver(DependencyPolicy policy) {
        this(Environment.current().vars(), System.err, policy);
    }

    /** @param env the environment as {@link Environment#vars()} gives it (HOME decided) */
    public MavenResolver(Map<String, String> env, PrintStream err) {
        this(env, err, DependencyPolicy.load(env));
    }

    MavenResolver(Map<String, String> env, PrintStream err, DependencyPolicy policy) {
        this.env = env;
        this.err = err;
        this.policy = policy;
    }

    @Override
    public Resolution resolve(Plan.Inputs inputs, BuildOptions options) {
        Script script = inputs.script();
        DepsSpec spec = DepsSpec.of(inputs.directives(), env, options.env().systemProperties(), options.defines());
        Path lockPath = lockFile(script);
        long start = System.nanoTime();
        List<Maven.Resolved> jars;
        String key;
        LockFile lock = null;
        String lockSha = "";
        try (Maven maven = open(options.offline())) {
            List<RemoteRepository> repos = maven.remotes(spec.repos());
            Failures failures = new Failures(spec, repos, maven.localRepo, maven.offline);
            if (lockPath != null && Files.isRegularFile(lockPath)) {
                byte[] lockBytes = LockFile.bytes(lockPath);
                lockSha = Hashing.of(lockBytes);
                lock = LockFile.parse(lockPath, lockBytes);
                checkRequest(lock, spec, script);
                List<String> coords = new ArrayList<>();
                lock.artifacts().forEach(a -> coords.add(a.coords()));
                policy.enforceLocked(coords, lockPath, spec, repos);
                jars = maven.fetch(coords, repos, failures);
                verify(lock, jars, script);
                key = "lock " + lockSha;
            } else {
                jars = maven.resolve(spec, repos, failures, policy);
                StringBuilder k = new StringBuilder("resolved");
                jars.forEach(j -> k.append(' ').append(j.coords()));
                key = k.toString();
            }
            if (options.verbose()) {
                err.println("jrun: resolved " + jars.size() + " artifacts in " + (System.nanoTime() - start) / 1_000_000
                        + " ms (local repository " + maven.localRepo + (maven.offline ? ", offline" : "") + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars.forEach(j -> Leftovers.sweep(j.file().getParent()));
        // The entry runs verified copies of the jars, so nothing in the local repository needs checking
        // on a cached run: a jar replaced or deleted there later changes nothing.
        List<Resolution.Jar> classpath = new ArrayList<>();
        for (int i = 0; i < jars.size(); i++) {
            Maven.Resolved j = jars.get(i);
            classpath.add(new Resolution.Jar(j.file(), j.coords(), lock == null ? null : lock.artifacts().get(i).sha256()));
        }
        List<Check> checks = new ArrayList<>();
        spec.envUsed().forEach((name, value) -> checks.add(new Check.EnvIs(name, value)));
        spec.definesUsed().forEach((name, value) -> checks.add(new Check.DefineIs(name, value)));
        checks.addAll(policy.checks());
        return new Resolution(List.copyOf(classpath), List.copyOf(checks), key, lockSha);
    }

    /** {@code jrun lock}: resolves the script's //DEPS afresh and writes SCRIPT.lock; returns the artifact count. */
    public static int lock(Plan.Inputs inputs, boolean offline, PrintStream err) throws IOException {
        MavenResolver r = new MavenResolver(Environment.current().vars(), err, DependencyPolicy.load(Environment.current().vars()));
        Script script = inputs.script();
        Path lockPath = lockFile(script);
        if (lockPath == null) {
            throw new JrunException(ExitCode.USAGE, "a script read from standard input cannot have a lock file");
        }
        DepsSpec spec = DepsSpec.of(inputs.directives(), r.env, System.getProperties());
        List<LockFile.Artifact> artifacts = new ArrayList<>();
        try (Maven maven = r.open(offline)) {
            List<RemoteRepository> repos = maven.remotes(spec.repos());
            List<Maven.Resolved> jars = spec.deps().isEmpty() ? List.of()
                    : maven.resolve(spec, repos, new Failures(spec, repos, maven.localRepo, maven.offline), r.policy);
            for (Maven.Resolved j : jars) {
                artifacts.add(new LockFile.Artifact(j.coords(), Hashing.of(j.file())));
            }
        }
        new LockFile(lockPath, spec.lockLines(), artifacts).write(script.path().getFileName().toString());
        return artifacts.size();
    }

    /**
     * Resolves a tool of jrun's own (jrun check's analyser) and its dependencies from Maven Central,
     * through settings.xml's mirrors and into the local repository, as //DEPS are; no dependency
     * policy applies to it, as it is not the script's. Returns the jars in class path order.
     */
    public static List<Path> resolveTool(List<Coordinate> tool, boolean offline, PrintStream err) {
        MavenResolver r = new MavenResolver(System.getenv(), err, DependencyPolicy.NONE);
        DepsSpec spec = new DepsSpec(tool, List.of(), List.of(Repo.CENTRAL), Map.of(), Map.of());
        try (Maven maven = r.open(offline)) {
            List<RemoteRepository> repos = maven.remotes(spec.repos());
            Failures failures = new Failures(spec, repos, maven.localRepo, maven.offline);
            return maven.resolve(spec, repos, failures, DependencyPolicy.NONE).stream().map(Maven.Resolved::file).toList();
        }
    }

    private Maven open(boolean offline) {
        boolean tty = "1".equals(env.get("JRUN_PROGRESS"));
        return Maven.open(env, offline, tty ? err : null);
    }

    /** SCRIPT.lock beside the script as the user named it; none for a script read from standard input. */
    static Path lockFile(Script script) {
        if (script.name().equals("<stdin>")) {
            return null;
        }
        return script.path().resolveSibling(script.path().getFileName() + ".lock");
    }

    private static void checkRequest(LockFile lock, DepsSpec spec, Script script) {
        List<String> wanted = spec.lockLines();
        String redo = "; run 'jrun lock " + script.name() + "' to lock the new dependencies";
        for (String line : wanted) {
            if (!lock.request().contains(line)) {
                String where = whereOf(line, spec);
                throw new JrunException(ExitCode.DEPENDENCY, where + line.replaceFirst("^dep ", "//DEPS ")
                        .replaceFirst("^repo ", "//REPOS ") + " is not in the lock file " + lock.file() + redo);
            }
        }
        for (String line : lock.request()) {
            if (!wanted.contains(line)) {
                throw new JrunException(ExitCode.DEPENDENCY, lock.file() + ": locks " + line.replaceFirst("^dep ", "")
                        .replaceFirst("^repo ", "repository ") + ", which " + script.name()
                        + " no longer names" + redo);
            }
        }
    }

    private static String whereOf(String line, DepsSpec spec) {
        for (Coordinate c : spec.deps()) {
            if (line.equals("dep " + c)) {
                return c.directive().where() + ": ";
            }
        }
        for (Coordinate c : spec.boms()) {
            if (line.equals("dep " + c)) {
                return c.directive().where() + ": ";
            }
        }
        for (Repo r : spec.repos()) {
            if (line.equals("repo " + r.id() + " " + r.url()) && r.directive() != null) {
                return r.directive().where() + ": ";
            }
        }
        return script(spec);
    }

    private static String script(DepsSpec spec) {
        return spec.deps().isEmpty() ? "" : spec.deps().get(0).directive().file() + ": ";
    }

    private static void verify(LockFile lock, List<Maven.Resolved> jars, Script script) throws IOException {
        for (int i = 0; i < jars.size(); i++) {
            LockFile.Artifact want = lock.artifacts().get(i);
            Maven.Resolved got = jars.get(i);
            String sha = Hashing.of(got.file());
            if (!sha.equals(want.sha256())) {
                throw new JrunException(ExitCode.DEPENDENCY, lock.file() + ": " + want.coords() + " is not the locked"
                        + " artifact: " + got.file() + " has SHA-256 " + sha + ", the lock file says " + want.sha256()
                        + "; delete that file to fetch it again, or, if the new one is trusted, run 'jrun lock "
                        + script.name() + "'");
            }
        }
    }
}
