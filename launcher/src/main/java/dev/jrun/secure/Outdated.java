package dev.jrun.secure;

import dev.jrun.deps.Coordinate;
import dev.jrun.deps.DepsSpec;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each //DEPS of a script (BOMs included) with a fixed version: that version, the newest patch,
 * minor and major versions its repositories have, and, given advisories, those affecting the current
 * version and the nearest version none affects.
 */
public final class Outdated {

    /** One //DEPS coordinate's row. */
    public record Row(Coordinate dep, String current, List<String> available, Upgrades upgrades,
            List<String> advisories, String fixed) {

        String ga() {
            return dep.groupId() + ":" + dep.artifactId();
        }
    }

    private Outdated() {
    }

    /** The rows of {@code name}'s //DEPS; those with a range or a BOM-managed version are left out. */
    public static List<Row> of(String name, boolean offline, Advisories advisories) {
        Script script = Script.read(Path.of(name), name);
        Map<String, String> env = System.getenv();
        DepsSpec spec = DepsSpec.of(Planner.inputs(script).directives(), env, System.getProperties());
        List<Coordinate> deps = new ArrayList<>(spec.boms());
        deps.addAll(spec.deps());
        List<Row> rows = new ArrayList<>();
        if (deps.isEmpty()) {
            return rows;
        }
        try (VersionLookup lookup = new VersionLookup(spec, env, offline)) {
            for (Coordinate c : deps) {
                if (c.version() == null || c.version().startsWith("[") || c.version().startsWith("(")) {
                    continue;
                }
                List<String> available = lookup.versions(c);
                String ga = c.groupId() + ":" + c.artifactId();
                List<String> ids = advisories.affecting(ga, c.version());
                rows.add(new Row(c, c.version(), available, Upgrades.of(c.version(), available), ids,
                        ids.isEmpty() ? null : advisories.nearestFixed(ga, c.version(), available)));
            }
        }
        return rows;
    }

    /** The rows as a table: where, dependency, current, patch, minor, major, advisories. */
    public static String table(List<Row> rows, Advisories advisories) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"WHERE", "DEPENDENCY", "CURRENT", "PATCH", "MINOR", "MAJOR", "ADVISORIES"});
        for (Row r : rows) {
            String adv = r.advisories().isEmpty() ? "-" : String.join(",", r.advisories())
                    + (r.fixed() == null ? " (no fixed version)" : " (fixed in " + r.fixed() + ")");
            cells.add(new String[] {r.dep().directive().where(), r.ga(), mark(r, r.current(), advisories),
                mark(r, r.upgrades().patch(), advisories), mark(r, r.upgrades().minor(), advisories),
                mark(r, r.upgrades().major(), advisories), adv});
        }
        int[] width = new int[7];
        cells.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], width[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A version, with {@code !} when an advisory affects it; {@code -} for none. */
    private static String mark(Row r, String version, Advisories advisories) {
        if (version == null) {
            return "-";
        }
        return advisories.affecting(r.ga(), version).isEmpty() ? version : version + "!";
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    /** The rows as JSON values for {@code --json}. */
    public static List<Map<String, Object>> json(List<Row> rows, Advisories advisories) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.dep().directive().file());
            m.put("line", r.dep().directive().line());
            m.put("dependency", r.ga());
            m.put("current", r.current());
            m.put("patch", r.upgrades().patch());
            m.put("minor", r.upgrades().minor());
            m.put("major", r.upgrades().major());
            Map<String, Object> adv = new LinkedHashMap<>();
            for (String v : r.available()) {
                List<String> ids = advisories.affecting(r.ga(), v);
                if (!ids.isEmpty()) {
                    adv.put(v, ids);
                }
            }
            m.put("advisories", adv);
            m.put("fixed", r.fixed());
            out.add(m);
        }
        return out;
    }
}
