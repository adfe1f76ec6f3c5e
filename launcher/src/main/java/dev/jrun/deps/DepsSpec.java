package dev.jrun.deps;

import dev.jrun.script.Directive;
import dev.jrun.script.Directives;
import dev.jrun.script.Substitution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a script's //DEPS and //REPOS ask for, substituted and checked, before anything is resolved.
 *
 * @param deps    the dependencies, in order (BOMs not among them)
 * @param boms    the {@code @pom} imports, in order
 * @param repos   the repositories: the //REPOS ones, or Maven Central if there are none
 * @param envUsed the environment variables that substitution read, with their values (null: unset)
 * @param definesUsed the command-line {@code -D} properties substitution looked up, with their values (null: not given)
 */
public record DepsSpec(List<Coordinate> deps, List<Coordinate> boms, List<Repo> repos, Map<String, String> envUsed,
        Map<String, String> definesUsed) {

    public static DepsSpec of(Directives directives, Map<String, String> env, Properties system) {
        return of(directives, env, system, Map.of());
    }

    public static DepsSpec of(Directives directives, Map<String, String> env, Properties system,
            Map<String, String> defines) {
        Substitution subst = new Substitution(env, system, defines);
        List<Coordinate> deps = new ArrayList<>();
        List<Coordinate> boms = new ArrayList<>();
        for (Directive d : directives.deps()) {
            for (String word : words(d, true)) {
                Coordinate c = Coordinate.parse(subst.apply(word, d), d);
                if (c.isBom()) {
                    if (c.version() == null) {
                        throw d.error("the BOM '" + c + "' needs a version; write " + c.key() + ":VERSION@pom");
                    }
                    boms.add(c);
                } else {
                    deps.add(c);
                }
            }
        }
        for (Coordinate c : deps) {
            if (c.version() == null && boms.isEmpty()) {
                throw c.directive().error("'" + c + "' has no version, and no BOM (//DEPS group:bom:version@pom)"
                        + " supplies one; write " + Coordinate.FORM);
            }
        }
        Map<String, Repo> repos = new LinkedHashMap<>();
        for (Directive d : directives.repos()) {
            for (String word : words(d, false)) {
                Repo r = Repo.parse(subst.apply(word, d), d);
                Repo before = repos.putIfAbsent(r.id(), r);
                if (before != null && !before.url().equals(r.url())) {
                    throw d.error("repository id '" + r.id() + "' is already " + before.url()
                            + (before.directive() == null ? "" : " (" + before.directive().where() + ")")
                            + "; give this one another id: //REPOS other=" + r.url());
                }
            }
        }
        // JBang's rule: a script that names repositories gets those only (add "central" to keep it)
        List<Repo> list = repos.isEmpty() ? List.of(Repo.CENTRAL) : List.copyOf(repos.values());
        return new DepsSpec(List.copyOf(deps), List.copyOf(boms), list, subst.envUsed(), subst.definesUsed());
    }

    /**
     * The line's words, split at white space and at commas (outside a version range's brackets, and not
     * between two ranges); a word {@code //} ends the list, the rest of the line being a comment, as
     * JBang has it.
     */
    private static List<String> words(Directive d, boolean ranges) {
        List<String> out = new ArrayList<>();
        for (String w : d.words()) {
            if (w.equals("//")) {
                break;
            }
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (ranges && (c == '[' || c == '(')) {
                    depth++;
                } else if (ranges && (c == ']' || c == ')')) {
                    depth--;
                }
                // a comma between two ranges, (,1.0],[1.2,), joins them into one version
                boolean betweenRanges = ranges && i > 0 && i + 1 < w.length() && "])".indexOf(w.charAt(i - 1)) >= 0
                        && "[(".indexOf(w.charAt(i + 1)) >= 0;
                if (c == ',' && depth <= 0 && !betweenRanges) {
                    if (cur.length() > 0) {
                        out.add(cur.toString());
                    }
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            if (cur.length() > 0) {
                out.add(cur.toString());
            }
        }
        return out;
    }

    /** The request as the lock file records it: what must match for the lock to apply. */
    List<String> lockLines() {
        List<String> lines = new ArrayList<>();
        boms.forEach(b -> lines.add("dep " + b));
        deps.forEach(c -> lines.add("dep " + c));
        repos.forEach(r -> lines.add("repo " + r.id() + " " + r.url()));
        return lines;
    }
}
