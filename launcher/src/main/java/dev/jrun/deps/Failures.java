package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RequestTrace;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectStepData;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.spi.connector.transport.http.HttpTransporterException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * Turns the resolver's exceptions into one line for the user: what failed (the artifact, and the
 * //DEPS line that brought it in), why (not found, checksum, unreachable, refused, offline), where
 * it was looked for, and what to do.
 */
final class Failures {
    private final DepsSpec spec;
    private final List<RemoteRepository> repos;
    private final Path localRepo;
    private final boolean offline;

    Failures(DepsSpec spec, List<RemoteRepository> repos, Path localRepo, boolean offline) {
        this.spec = spec;
        this.repos = repos;
        this.localRepo = localRepo;
        this.offline = offline;
    }

    JrunException explain(Exception e, Coordinate context) {
        if (e instanceof JrunException j) {
            return j;
        }
        List<Throwable> all = flatten(e);
        Throwable checksum = first(all, ChecksumFailureException.class);
        ArtifactTransferException transfer = lastTransferAbove(all, checksum);
        if (checksum != null) {
            return fail(transfer == null ? null : transfer.getArtifact(), context, e,
                    "checksum mismatch" + from(transfer) + ": " + checksum.getMessage()
                    + "; the download is damaged or was tampered with: check the repository (nothing was kept)");
        }
        for (Throwable t : all) {
            if (t instanceof HttpTransporterException h && (h.getStatusCode() == 401 || h.getStatusCode() == 403)) {
                ArtifactTransferException at = lastTransferAbove(all, t);
                return fail(at == null ? null : at.getArtifact(), context, e, "repository"
                        + (at == null ? "" : " " + describe(at.getRepository())) + " refused access (HTTP "
                        + h.getStatusCode() + "); give its credentials in a <server> with the repository's id in "
                        + "~/.m2/settings.xml");
            }
        }
        for (Throwable t : all) {
            if (t instanceof RepositoryOfflineException) {
                ArtifactTransferException at = lastTransferAbove(all, t);
                Artifact a = at == null ? null : at.getArtifact();
                return fail(a, context, e, "not in the local repository " + localRepo
                        + ", and offline (--offline or settings.xml) no repository is asked; run once online");
            }
        }
        for (Throwable t : all) {
            if (isNetwork(t)) {
                ArtifactTransferException at = lastTransferAbove(all, t);
                return fail(at == null ? null : at.getArtifact(), context, e, "cannot reach repository "
                        + (at == null || at.getRepository() == null ? describe(repos) : describe(at.getRepository()))
                        + ": " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage()
                        + ")") + "; check the URL and the network or proxy (settings.xml), or run with --offline"
                        + " if everything needed is in the local repository");
            }
        }
        ArtifactNotFoundException nf = first(all, ArtifactNotFoundException.class);
        if (nf != null) {
            return fail(nf.getArtifact(), context, e, "not found in " + describe(repos)
                    + "; check the group, artifact and version (and //REPOS)");
        }
        VersionRangeResolutionException vr = first(all, VersionRangeResolutionException.class);
        if (vr != null || String.valueOf(e.getMessage()).contains("No versions available")) {
            Artifact a = vr == null ? null : vr.getResult().getRequest().getArtifact();
            return fail(a, context, e, "no version in range is available from " + describe(repos)
                    + "; widen the range or check //REPOS");
        }
        return fail(null, context, e, rootMessage(e) + "; run with --verbose for details");
    }

    private JrunException fail(Artifact a, Coordinate context, Exception e, String why) {
        Directive line = context != null ? context.directive() : null;
        String neededBy = "";
        if (line == null && a != null) {
            Coordinate top = topLevel(a, e);
            if (top != null) {
                line = top.directive();
                if (!sameGA(top, a)) {
                    neededBy = " (needed by " + top + ")";
                }
            }
        }
        if (line == null && !spec.deps().isEmpty()) {
            line = spec.deps().get(0).directive();
        }
        String what = context != null ? context.toString() : a != null ? artifactName(a) : "the dependencies";
        if (context == null && a != null && neededBy.isEmpty()) {
            Coordinate top = match(a);
            if (top != null) {
                what = (top.version() == null ? top.withVersion(a.getVersion()) : top).toString();
            }
        }
        String where = line == null ? "" : line.where() + ": //" + line.name() + " ";
        return new JrunException(ExitCode.DEPENDENCY, where + what + neededBy + ": " + why, e);
    }

    /** The //DEPS coordinate that brought {@code a} in: itself, or the one whose graph holds it. */
    private Coordinate topLevel(Artifact a, Exception e) {
        for (Coordinate c : spec.deps()) {
            if (sameGA(c, a)) {
                return c;
            }
        }
        for (Coordinate c : spec.boms()) {
            if (sameGA(c, a)) {
                return c;
            }
        }
        DependencyNode root = null;
        if (e instanceof DependencyResolutionException d && d.getResult() != null) {
            root = d.getResult().getRoot();
        } else if (e instanceof DependencyCollectionException d && d.getResult() != null) {
            root = d.getResult().getRoot();
        }
        if (root != null) {
            for (DependencyNode child : root.getChildren()) {
                if (contains(child, a, new IdentityHashMap<>())) {
                    Coordinate c = match(child.getArtifact());
                    if (c != null) {
                        return c;
                    }
                }
            }
        }
        // a POM that could not be read during collection: its trace holds the path from the root
        for (Throwable t : flatten(e)) {
            if (t instanceof ArtifactDescriptorException ade && ade.getResult() != null) {
                for (RequestTrace tr = ade.getResult().getRequest().getTrace(); tr != null; tr = tr.getParent()) {
                    if (tr.getData() instanceof CollectStepData step && step.getPath().size() > 1) {
                        Coordinate c = match(step.getPath().get(1).getArtifact());
                        if (c != null) {
                            return c;
                        }
                    }
                }
            }
        }
        return null;
    }

    private Coordinate match(Artifact a) {
        if (a == null) {
            return null;
        }
        for (Coordinate c : spec.deps()) {
            if (sameGA(c, a)) {
                return c;
            }
        }
        return null;
    }

    private static boolean contains(DependencyNode n, Artifact a, Map<DependencyNode, Boolean> seen) {
        if (seen.put(n, Boolean.TRUE) != null) {
            return false;
        }
        Artifact na = n.getArtifact();
        if (na != null && na.getGroupId().equals(a.getGroupId()) && na.getArtifactId().equals(a.getArtifactId())) {
            return true;
        }
        for (DependencyNode c : n.getChildren()) {
            if (contains(c, a, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameGA(Coordinate c, Artifact a) {
        return c.groupId().equals(a.getGroupId()) && c.artifactId().equals(a.getArtifactId());
    }

    static String artifactName(Artifact a) {
        StringBuilder s = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId()).append(':')
                .append(a.getVersion());
        if (!a.getClassifier().isEmpty()) {
            s.append(':').append(a.getClassifier());
        }
        if (!a.getExtension().equals("jar") && !a.getExtension().equals("pom")) {
            s.append('@').append(a.getExtension());
        }
        return s.toString();
    }

    static String describe(RemoteRepository r) {
        if (r == null) {
            return "?";
        }
        String s = r.getId() + " (" + r.getUrl();
        if (!r.getMirroredRepositories().isEmpty()) {
            List<String> ids = new ArrayList<>();
            r.getMirroredRepositories().forEach(m -> ids.add(m.getId()));
            s += ", mirror of " + String.join(", ", ids);
        }
        return s + ")";
    }

    static String describe(List<RemoteRepository> repos) {
        return Maven.describe(repos);
    }

    private static String from(ArtifactTransferException t) {
        return t == null || t.getRepository() == null ? "" : " from " + describe(t.getRepository());
    }

    private static boolean isNetwork(Throwable t) {
        return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException
                || t.getClass().getName().equals("org.apache.http.conn.ConnectTimeoutException");
    }

    /** Every exception reachable from {@code e}: causes, suppressed, and the results' exceptions. */
    static List<Throwable> flatten(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        flatten(e, out, new IdentityHashMap<>());
        return out;
    }

    private static void flatten(Throwable t, List<Throwable> out, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        out.add(t);
        if (t instanceof DependencyResolutionException d && d.getResult() != null) {
            d.getResult().getCollectExceptions().forEach(x -> flatten(x, out, seen));
            d.getResult().getArtifactResults().forEach(r -> r.getExceptions().forEach(x -> flatten(x, out, seen)));
        }
        if (t instanceof DependencyCollectionException d && d.getResult() != null) {
            d.getResult().getExceptions().forEach(x -> flatten(x, out, seen));
        }
        if (t instanceof ArtifactResolutionException a) {
            for (ArtifactResult r : a.getResults()) {
                r.getExceptions().forEach(x -> flatten(x, out, seen));
            }
        }
        if (t instanceof ArtifactDescriptorException a && a.getResult() != null) {
            a.getResult().getExceptions().forEach(x -> flatten(x, out, seen));
        }
        flatten(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            flatten(s, out, seen);
        }
    }

    private static <T> T first(List<Throwable> all, Class<T> type) {
        for (Throwable t : all) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The transfer exception whose causes include {@code t}: it names the artifact and repository. */
    private static ArtifactTransferException lastTransferAbove(List<Throwable> all, Throwable t) {
        if (t == null) {
            return null;
        }
        ArtifactTransferException found = null;
        for (Throwable x : all) {
            if (x instanceof ArtifactTransferException at) {
                for (Throwable c = at; c != null; c = c.getCause()) {
                    if (c == t) {
                        found = at;
                    }
                }
            }
        }
        return found;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replace('\n', ' ');
    }
}
