package dev.jrun.secure;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.deps.Coordinate;
import dev.jrun.deps.DepsSpec;
import dev.jrun.deps.Maven;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;

/**
 * Which versions of a dependency the script's repositories have, asked the way Maven asks for a
 * version range (a {@link VersionRangeRequest} for {@code [0,)}: the repositories' metadata, through
 * settings.xml's mirrors; offline, what the local repository knows).
 */
final class VersionLookup implements AutoCloseable {
    private final Maven maven;
    private final List<RemoteRepository> repos;

    VersionLookup(DepsSpec spec, Map<String, String> env, boolean offline) {
        this.maven = Maven.open(env, offline, null);
        this.repos = maven.remotes(spec.repos());
    }

    /** Every version of {@code c}'s group:artifact, oldest first. */
    List<String> versions(Coordinate c) {
        VersionRangeRequest req = new VersionRangeRequest(
                new DefaultArtifact(c.groupId(), c.artifactId(), "pom", "[0,)"), repos, "jrun");
        try {
            VersionRangeResult result = maven.system().resolveVersionRange(maven.session(), req);
            List<String> out = new ArrayList<>();
            for (Version v : result.getVersions()) {
                out.add(v.toString());
            }
            return out;
        } catch (VersionRangeResolutionException e) {
            throw new JrunException(ExitCode.DEPENDENCY, c.directive().where() + ": cannot list the versions of "
                    + c.groupId() + ":" + c.artifactId() + ": " + e.getMessage() + "; check //REPOS and the network");
        }
    }

    @Override
    public void close() {
        maven.close();
    }
}
