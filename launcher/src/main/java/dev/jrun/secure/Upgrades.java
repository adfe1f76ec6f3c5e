package dev.jrun.secure;

import dev.jrun.deps.PolicyRule;
import java.util.List;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;

/**
 * The newest versions above {@code current} that keep its major and minor (patch), its major (minor),
 * or neither (major), in Maven's version order. Pre-releases (alpha, beta, milestone, RC, snapshot)
 * count only when the current version is one.
 *
 * @param patch the newest patch release, or null
 * @param minor the newest minor release, or null
 * @param major the newest release of all, or null
 */
public record Upgrades(String patch, String minor, String major) {

    public enum Level { PATCH, MINOR, MAJOR }

    public static Upgrades of(String current, List<String> available) {
        Version cur = parse(current);
        int[] c = numbers(current);
        boolean pre = preRelease(current);
        String patch = null;
        String minor = null;
        String major = null;
        for (String v : available) {
            if (!pre && preRelease(v) || parse(v).compareTo(cur) <= 0) {
                continue;
            }
            int[] n = numbers(v);
            if (n[0] == c[0] && n[1] == c[1]) {
                patch = newer(patch, v);
            }
            if (n[0] == c[0]) {
                minor = newer(minor, v);
            }
            major = newer(major, v);
        }
        return new Upgrades(patch, minor, major);
    }

    /** The version an update at this level moves to, or null when there is none. */
    public String at(Level level) {
        return switch (level) {
            case PATCH -> patch;
            case MINOR -> minor;
            case MAJOR -> major;
        };
    }

    static boolean preRelease(String v) {
        return v.toLowerCase(java.util.Locale.ROOT).matches(".*(alpha|beta|-m\\d|milestone|-rc|\\.rc|-cr|snapshot|-ea|preview).*");
    }

    private static String newer(String a, String b) {
        return a == null || parse(b).compareTo(parse(a)) > 0 ? b : a;
    }

    /** The leading major, minor and patch numbers (0 when missing). */
    static int[] numbers(String v) {
        int[] n = new int[3];
        String[] parts = v.split("[.\\-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            if (!parts[i].matches("\\d{1,9}")) {
                break;
            }
            n[i] = Integer.parseInt(parts[i]);
        }
        return n;
    }

    static Version parse(String v) {
        try {
            return PolicyRule.VERSIONS.parseVersion(v);
        } catch (InvalidVersionSpecificationException e) {
            throw new IllegalArgumentException(v, e);
        }
    }
}
