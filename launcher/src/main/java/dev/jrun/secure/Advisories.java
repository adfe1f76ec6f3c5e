package dev.jrun.secure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.aether.version.Version;

/**
 * A directory of advisories in the OSV format (one JSON file each, as osv.dev exports them), read for
 * the {@code Maven} ecosystem: which versions of {@code group:artifact} each one affects, by its
 * {@code versions} list and its {@code ECOSYSTEM} ranges ({@code introduced}, {@code fixed},
 * {@code last_affected} events).
 */
public final class Advisories {
    /** One advisory's effect on one package. */
    record Affected(String id, String pkg, List<String> versions, List<Range> ranges) {
    }

    /** Versions from {@code introduced} up to {@code fixed} (exclusive) or {@code lastAffected} (inclusive); null: open. */
    record Range(String introduced, String fixed, String lastAffected) {
        boolean contains(Version v) {
            if (introduced != null && !introduced.equals("0") && v.compareTo(Upgrades.parse(introduced)) < 0) {
                return false;
            }
            if (fixed != null) {
                return v.compareTo(Upgrades.parse(fixed)) < 0;
            }
            return lastAffected == null || v.compareTo(Upgrades.parse(lastAffected)) <= 0;
        }
    }

    public static final Advisories NONE = new Advisories(List.of());
    private final List<Affected> affected;

    Advisories(List<Affected> affected) {
        this.affected = affected;
    }

    public static Advisories read(Path dir) {
        List<Affected> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    all.addAll(parse(JsonParser.parseReader(r)));
                } catch (RuntimeException e) {
                    throw new JrunException(ExitCode.USAGE, f + ": not an OSV advisory (" + e.getMessage()
                            + "); --advisories takes a directory of OSV JSON files");
                }
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.USAGE, "--advisories " + dir + ": cannot read it: " + e.getMessage()
                    + "; give a directory of OSV JSON files");
        }
        return new Advisories(List.copyOf(all));
    }

    static List<Affected> parse(JsonElement json) {
        JsonObject o = json.getAsJsonObject();
        String id = o.get("id").getAsString();
        List<Affected> out = new ArrayList<>();
        JsonArray affected = o.has("affected") ? o.getAsJsonArray("affected") : new JsonArray();
        for (JsonElement e : affected) {
            JsonObject a = e.getAsJsonObject();
            JsonObject pkg = a.getAsJsonObject("package");
            if (pkg == null || !"Maven".equals(pkg.get("ecosystem").getAsString())) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            if (a.has("versions")) {
                a.getAsJsonArray("versions").forEach(v -> versions.add(v.getAsString()));
            }
            List<Range> ranges = new ArrayList<>();
            if (a.has("ranges")) {
                for (JsonElement r : a.getAsJsonArray("ranges")) {
                    if (!"ECOSYSTEM".equals(r.getAsJsonObject().get("type").getAsString())) {
                        continue;
                    }
                    String introduced = null;
                    for (JsonElement ev : r.getAsJsonObject().getAsJsonArray("events")) {
                        JsonObject event = ev.getAsJsonObject();
                        if (event.has("introduced")) {
                            introduced = event.get("introduced").getAsString();
                        } else if (event.has("fixed") || event.has("last_affected")) {
                            ranges.add(new Range(introduced, str(event, "fixed"), str(event, "last_affected")));
                            introduced = null;
                        }
                    }
                    if (introduced != null) {
                        ranges.add(new Range(introduced, null, null));
                    }
                }
            }
            out.add(new Affected(id, pkg.get("name").getAsString(), List.copyOf(versions), List.copyOf(ranges)));
        }
        return out;
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : null;
    }

    /** The ids of the advisories that affect {@code group:artifact} at {@code version}. */
    public List<String> affecting(String ga, String version) {
        Version v = Upgrades.parse(version);
        List<String> ids = new ArrayList<>();
        for (Affected a : affected) {
            if (a.pkg().equals(ga) && !ids.contains(a.id())
                    && (a.versions().contains(version) || a.ranges().stream().anyMatch(r -> r.contains(v)))) {
                ids.add(a.id());
            }
        }
        return ids;
    }

    /** The lowest of {@code available} above {@code current} that no advisory affects, or null. */
    public String nearestFixed(String ga, String current, List<String> available) {
        Version cur = Upgrades.parse(current);
        return available.stream().filter(v -> Upgrades.parse(v).compareTo(cur) > 0 && affecting(ga, v).isEmpty())
                .min((x, y) -> Upgrades.parse(x).compareTo(Upgrades.parse(y))).orElse(null);
    }
}
