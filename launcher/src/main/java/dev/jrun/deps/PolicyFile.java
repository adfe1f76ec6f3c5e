package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One policy file, read whole. Deny wins; an allow-list (any {@code allow} line for artifacts, or for
 * repositories) is exhaustive for its kind: what it does not name is refused.
 *
 * @param file  the file
 * @param rules its rules, in order
 */
public record PolicyFile(Path file, List<PolicyRule> rules) {

    public static PolicyFile read(Path file) {
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new JrunException(ExitCode.DEPENDENCY, file + ": cannot read the dependency policy: " + e.getMessage()
                    + "; make it readable, or remove it");
        }
    }

    static PolicyFile parse(Path file, List<String> lines) {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (!line.isBlank()) {
                rules.add(PolicyRule.parse(line, file + ":" + (i + 1)));
            }
        }
        return new PolicyFile(file, List.copyOf(rules));
    }

    static JrunException malformed(String where, String why) {
        return new JrunException(ExitCode.DEPENDENCY, where + ": not a policy rule: " + why + "; write "
                + PolicyRule.FORM);
    }

    /** Why this file refuses group:artifact:version, or empty if it allows it. */
    public Optional<String> refuses(String g, String a, String v) {
        boolean allowList = false;
        PolicyRule allowed = null;
        for (PolicyRule r : rules) {
            if (r.isRepo()) {
                continue;
            }
            if (!r.allow() && r.covers(g, a, v)) {
                return Optional.of("denied by " + r.where() + " (" + r.text() + ")");
            }
            if (r.allow()) {
                allowList = true;
                if (allowed == null && r.covers(g, a, v)) {
                    allowed = r;
                }
            }
        }
        return allowList && allowed == null ? Optional.of("not on the allow list of " + file) : Optional.empty();
    }

    /** Why this file refuses a repository known by these ids and URLs (a mirror and what it mirrors), or empty. */
    public Optional<String> refusesRepo(List<String> ids, List<String> urls) {
        boolean allowList = false;
        boolean allowed = false;
        for (PolicyRule r : rules) {
            if (!r.isRepo()) {
                continue;
            }
            boolean covers = false;
            for (int i = 0; i < ids.size(); i++) {
                covers |= r.coversRepo(ids.get(i), urls.get(i));
            }
            if (!r.allow() && covers) {
                return Optional.of("denied by " + r.where() + " (" + r.text() + ")");
            }
            allowList |= r.allow();
            allowed |= r.allow() && covers;
        }
        return allowList && !allowed ? Optional.of("not on the repository allow list of " + file) : Optional.empty();
    }
}
