package dev.jrun.deps;

import java.util.Locale;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;
import org.eclipse.aether.version.VersionConstraint;
import org.eclipse.aether.version.VersionScheme;

/**
 * One line of a policy file: {@code allow} or {@code deny}, then either {@code repo ID-OR-URL} or
 * {@code GROUP[:ARTIFACT[:VERSIONS]]}. A group is exact, {@code *}, or {@code prefix.*} (the group and
 * every group under it); an artifact is exact or {@code *}; versions are one version or a Maven range.
 *
 * @param allow    allow (true) or deny (false)
 * @param repo     the repository id or URL prefix, for a repository rule; null for an artifact rule
 * @param group    the group pattern
 * @param artifact the artifact pattern
 * @param versions the versions, or null for all
 * @param where    {@code file:line}, for messages
 * @param text     the rule as written
 */
public record PolicyRule(boolean allow, String repo, String group, String artifact, VersionConstraint versions,
        String where, String text) {

    public static final VersionScheme VERSIONS = new GenericVersionScheme();
    static final String FORM = "allow|deny GROUP[:ARTIFACT[:VERSIONS]], or allow|deny repo ID-OR-URL";

    /** Parses one rule; {@code line} has no comment and is not blank. */
    static PolicyRule parse(String line, String where) {
        String[] w = line.strip().split("\\s+");
        String effect = w[0].toLowerCase(Locale.ROOT);
        if (!effect.equals("allow") && !effect.equals("deny")) {
            throw PolicyFile.malformed(where, "'" + w[0] + "' is neither allow nor deny");
        }
        boolean allow = effect.equals("allow");
        if (w.length == 3 && w[1].equals("repo")) {
            return new PolicyRule(allow, w[2], null, null, null, where, line.strip());
        }
        if (w.length != 2) {
            throw PolicyFile.malformed(where, "a rule has two words, or three for a repository");
        }
        String[] parts = w[1].split(":", 3);
        String group = parts[0];
        String artifact = parts.length > 1 ? parts[1] : "*";
        if (!group.matches("\\*|[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*(\\.\\*)?") || !artifact.matches("\\*|[A-Za-z0-9_.\\-]+")) {
            throw PolicyFile.malformed(where, "'" + w[1] + "' is not GROUP[:ARTIFACT[:VERSIONS]]");
        }
        VersionConstraint versions = null;
        if (parts.length > 2) {
            try {
                versions = VERSIONS.parseVersionConstraint(parts[2]);
            } catch (InvalidVersionSpecificationException e) {
                throw PolicyFile.malformed(where, "'" + parts[2] + "' is not a version or a Maven range such as [1.0,2.0)");
            }
        }
        return new PolicyRule(allow, null, group, artifact, versions, where, line.strip());
    }

    boolean isRepo() {
        return repo != null;
    }

    /** Does this artifact rule cover group:artifact:version? */
    boolean covers(String g, String a, String v) {
        if (isRepo()) {
            return false;
        }
        boolean groupOk = group.equals("*") || group.equals(g)
                || (group.endsWith(".*") && (g.equals(group.substring(0, group.length() - 2))
                        || g.startsWith(group.substring(0, group.length() - 1))));
        if (!groupOk || !(artifact.equals("*") || artifact.equals(a))) {
            return false;
        }
        return versions == null || contains(versions, v);
    }

    /** Does this repository rule cover a repository with this id and URL? */
    boolean coversRepo(String id, String url) {
        if (!isRepo()) {
            return false;
        }
        if (repo.equals(id)) {
            return true;
        }
        String prefix = repo.endsWith("/") ? repo : repo + "/";
        String u = url.endsWith("/") ? url : url + "/";
        return repo.contains("://") && u.startsWith(prefix);
    }

    private static boolean contains(VersionConstraint c, String v) {
        try {
            Version version = VERSIONS.parseVersion(v);
            return c.getRange() != null ? c.containsVersion(version) : c.getVersion().equals(version);
        } catch (InvalidVersionSpecificationException e) {
            return false;
        }
    }
}
