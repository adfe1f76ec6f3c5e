package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * One resolver session: Maven Resolver set up the way jrun wants it (see {@link #open}), and the
 * two ways jrun resolves: a whole dependency graph from //DEPS, or exactly the artifacts a lock
 * file lists.
 */
public final class Maven implements AutoCloseable {
    /** A resolved artifact: {@code group:artifact:extension[:classifier]:version} and its file. */
    record Resolved(String coords, Path file) {
    }

    private final RepositorySystem system;
    private final CloseableSession session;
    private final Map<String, String> env;
    private final UserSettings settings;
    /** The terminal's progress line, if one is drawn: its last word is said at close. */
    private Progress progress;
    final Path localRepo;
    final boolean offline;

    private Maven(RepositorySystem system, CloseableSession session, Map<String, String> env, UserSettings settings,
            Path localRepo, boolean offline) {
        this.system = system;
        this.session = session;
        this.env = env;
        this.settings = settings;
        this.localRepo = localRepo;
        this.offline = offline;
    }

    /**
     * A session on the local repository ({@code JRUN_REPO}, else settings.xml's localRepository, else
     * ~/.m2/repository), offline if asked or if settings.xml says so, with: checksums that must
     * match, POMs that must exist, failures that are not remembered (a later run tries again),
     * file-lock named locks (several jrun and Maven processes may share the local repository),
     * 10 s to connect and 60 s per request, no prefix-file lookups, and {@code aether.*} system
     * properties (JRUN_BUILDER_OPTS=-Daether...) passed on.
     */
    public static Maven open(Map<String, String> env, boolean offline, PrintStream progress) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        UserSettings settings = UserSettings.load(env, home);
        String repoEnv = env.get("JRUN_REPO");
        Path local = repoEnv != null && !repoEnv.isEmpty() ? Path.of(repoEnv)
                : settings.localRepository() != null ? settings.localRepository() : home.resolve(".m2/repository");
        local = local.toAbsolutePath();
        boolean off = offline || settings.offline();

        RepositorySystem system = new RepositorySystemSupplier().get();
        SessionBuilder sb = new SessionBuilderSupplier(system).get();
        sb.withLocalRepositoryBaseDirectories(local)
                .setOffline(off)
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false))
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(false, false))
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.servers())
                .setSystemProperties(System.getProperties())
                .setConfigProperty(ConfigurationProperties.USER_AGENT, "jrun/" + Version.get())
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, 10_000)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, 60_000)
                .setConfigProperty(ConfigurationProperties.HTTP_RETRY_HANDLER_COUNT, 1)
                .setConfigProperty("aether.remoteRepositoryFilter.prefixes", false)
                .setConfigProperty("aether.syncContext.named.factory", "file-lock")
                .setConfigProperty("aether.syncContext.named.nameMapper", "file-gaecv");
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("aether.")) {
                sb.setConfigProperty(k.toString(), v);
            }
        });
        Progress shown = progress == null ? null : new Progress(progress);
        if (shown != null) {
            sb.setTransferListener(shown);
        }
        Maven m = new Maven(system, sb.build(), env, settings, local, off);
        m.progress = shown;
        return m;
    }

    /**
     * The repositories to ask, as they are after settings.xml's mirrors, proxies and credentials:
     * the script's, then those of settings.xml's active profiles. Plain http:// is refused unless
     * it is this machine's loopback or JRUN_ALLOW_HTTP=1.
     */
    public List<RemoteRepository> remotes(List<Repo> repos) {
        List<RemoteRepository> declared = new ArrayList<>();
        for (Repo r : repos) {
            declared.add(new RemoteRepository.Builder(r.id(), "default", r.url()).build());
        }
        declared.addAll(settings.profileRepositories());
        List<RemoteRepository> effective = system.newResolutionRepositories(session, declared);
        boolean allowHttp = "1".equals(env.get("JRUN_ALLOW_HTTP")) || "true".equals(env.get("JRUN_ALLOW_HTTP"));
        if (!allowHttp) {
            for (RemoteRepository r : effective) {
                if (Repo.insecure(r.getUrl())) {
                    String where = whereDeclared(r, repos);
                    throw new JrunException(ExitCode.DEPENDENCY, where + "repository " + Failures.describe(r)
                            + " uses plain http://, which anyone on the way can tamper with; use https://,"
                            + " or set JRUN_ALLOW_HTTP=1 to allow it");
                }
            }
        }
        return effective;
    }

    private String whereDeclared(RemoteRepository r, List<Repo> repos) {
        if (!r.getMirroredRepositories().isEmpty()) {
            return settings.file + ": ";
        }
        for (Repo repo : repos) {
            if (repo.id().equals(r.getId()) && repo.directive() != null) {
                return repo.directive().where() + ": //REPOS: ";
            }
        }
        return settings.file == null ? "" : settings.file + ": ";
    }

    /** Resolves the script's dependencies and theirs, in class path order. */
    List<Resolved> resolve(DepsSpec spec, List<RemoteRepository> repos, Failures failures, DependencyPolicy policy) {
        List<Dependency> managed = new ArrayList<>();
        for (Coordinate bom : spec.boms()) {
            Artifact pom = new DefaultArtifact(bom.groupId(), bom.artifactId(), "", "pom", bom.version());
            try {
                ArtifactDescriptorResult r = system.readArtifactDescriptor(session,
                        new ArtifactDescriptorRequest(pom, repos, "jrun"));
                managed.addAll(r.getManagedDependencies());
            } catch (Exception e) {
                throw failures.explain(e, bom);
            }
        }
        List<Dependency> deps = new ArrayList<>();
        for (Coordinate c : spec.deps()) {
            String version = c.version() != null ? c.version() : managedVersion(c, managed, spec);
            List<Exclusion> exclusions = c.isFat() ? List.of(new Exclusion("*", "*", "*", "*")) : List.of();
            deps.add(new Dependency(new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(),
                    version), JavaScopes.COMPILE, false, exclusions));
        }
        CollectRequest collect = new CollectRequest(deps, managed, repos);
        collect.setRequestContext("jrun");
        try {
            // the policy sees the whole graph before any jar is downloaded
            DependencyNode root = system.collectDependencies(session, collect).getRoot();
            policy.enforce(spec, root, repos);
            DependencyResult result = system.resolveDependencies(session,
                    new DependencyRequest(root, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)));
            List<Resolved> out = new ArrayList<>();
            for (ArtifactResult ar : result.getArtifactResults()) {
                out.add(resolved(ar.getArtifact()));
            }
            return out;
        } catch (Exception e) {
            throw failures.explain(e, null);
        }
    }

    private static String managedVersion(Coordinate c, List<Dependency> managed, DepsSpec spec) {
        for (Dependency m : managed) {
            Artifact a = m.getArtifact();
            if (a.getGroupId().equals(c.groupId()) && a.getArtifactId().equals(c.artifactId())
                    && a.getClassifier().equals(c.classifier()) && a.getExtension().equals(c.extension())) {
                return a.getVersion();
            }
        }
        StringBuilder boms = new StringBuilder();
        spec.boms().forEach(b -> boms.append(boms.length() == 0 ? "" : ", ").append(b));
        throw new JrunException(ExitCode.DEPENDENCY, c.directive().where() + ": //DEPS: '" + c + "' has no version and "
                + boms + " does not manage it; write " + c.key() + ":VERSION");
    }

    /** Exactly these artifacts (from a lock file), without their dependencies. */
    List<Resolved> fetch(List<String> coords, List<RemoteRepository> repos, Failures failures) {
        List<ArtifactRequest> requests = new ArrayList<>();
        for (String c : coords) {
            requests.add(new ArtifactRequest(new DefaultArtifact(c), repos, "jrun"));
        }
        try {
            List<Resolved> out = new ArrayList<>();
            for (ArtifactResult r : system.resolveArtifacts(session, requests)) {
                out.add(resolved(r.getArtifact()));
            }
            return out;
        } catch (Exception e) {
            throw failures.explain(e, null);
        }
    }

    private static Resolved resolved(Artifact a) {
        StringBuilder s = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId()).append(':')
                .append(a.getExtension());
        if (!a.getClassifier().isEmpty()) {
            s.append(':').append(a.getClassifier());
        }
        s.append(':').append(a.getVersion());
        return new Resolved(s.toString(), a.getPath().toAbsolutePath());
    }

    public RepositorySystemSession session() {
        return session;
    }

    public RepositorySystem system() {
        return system;
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.finish();
        }
        session.close();
        system.shutdown();
    }

    /** The repositories, for messages. */
    static String describe(List<RemoteRepository> repos) {
        Map<String, String> seen = new LinkedHashMap<>();
        repos.forEach(r -> seen.put(r.getId(), Failures.describe(r)));
        return String.join(", ", seen.values());
    }
}
