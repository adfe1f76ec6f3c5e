package dev.jrun.catalog;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Json;
import dev.jrun.remote.JsonReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code jbang-catalog.json}, JBang's format: {@code aliases} (name to script-ref, arguments,
 * java-options, dependencies, repositories, properties, java, main, sources, files, classpaths,
 * compile-options, description), {@code catalogs}
 * (name to catalog-ref), {@code base-ref} (what script-refs are relative to; default: the catalog's
 * own directory or URL), {@code description}. {@code templates} and fields jrun does not use are
 * kept as they are when jrun writes the file.
 *
 * @param location the catalog's absolute file path, or its URL
 * @param raw      the whole JSON object, as read (what a write starts from)
 */
public record Catalog(String location, boolean remote, String baseRef, String description, Map<String, Alias> aliases,
        Map<String, String> catalogs, Map<String, Object> raw) {

    public static final String FILE_NAME = "jbang-catalog.json";
    /** JBang's rule for an alias's (and a catalog's) name. */
    public static final String NAME = "[a-zA-Z][-\\w]*";

    /** An empty catalog that a first write will create at {@code file}. */
    public static Catalog empty(Path file) {
        return parse("{}", file.toAbsolutePath().normalize().toString());
    }

    /** {@code text} read as the catalog at {@code location} (an absolute path or a URL). */
    public static Catalog parse(String text, String location) {
        boolean remote = location.startsWith("https://") || location.startsWith("http://");
        Object v;
        try {
            v = JsonReader.read(text);
        } catch (IllegalArgumentException e) {
            throw bad(location, e.getMessage() + "; fix the file's JSON");
        }
        if (!(v instanceof Map<?, ?>)) {
            throw bad(location, "not a JSON object; a catalog is {\"aliases\": {...}}");
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, val) -> raw.put((String) k, val));
        String baseRef = string(raw, "base-ref", location, "");
        if (baseRef == null) {
            baseRef = string(raw, "baseRef", location, "");
        }
        Map<String, Alias> aliases = new LinkedHashMap<>();
        Map<String, String> catalogs = new LinkedHashMap<>();
        Catalog c = new Catalog(location, remote, baseRef, string(raw, "description", location, ""), aliases, catalogs, raw);
        for (Map.Entry<String, Object> e : object(raw, "aliases", location, "").entrySet()) {
            String where = "aliases." + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw bad(location, where + " is not an object; an alias is {\"script-ref\": \"...\"}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) e.getValue();
            String ref = string(a, "script-ref", location, where + ".");
            if (ref == null) {
                ref = string(a, "scriptRef", location, where + ".");
            }
            if (ref == null || ref.isBlank()) {
                throw bad(location, where + " has no script-ref; give it the script's path or URL");
            }
            Map<String, String> props = new LinkedHashMap<>();
            object(a, "properties", location, where + ".").forEach((k, pv) -> props.put(k, String.valueOf(pv)));
            aliases.put(e.getKey(), new Alias(e.getKey(), ref, string(a, "description", location, where + "."),
                    strings(a, "arguments", location, where), strings(a, "java-options", location, where),
                    strings(a, "dependencies", location, where), strings(a, "repositories", location, where), props,
                    scalar(a, "java", location, where), string(a, "main", location, where + "."),
                    strings(a, "sources", location, where), strings(a, "files", location, where),
                    strings(a, "classpaths", location, where), strings(a, "compile-options", location, where), c));
        }
        for (Map.Entry<String, Object> e : object(raw, "catalogs", location, "").entrySet()) {
            String ref = e.getValue() instanceof Map<?, ?> m ? (String) (m.get("catalog-ref") instanceof String s ? s
                    : m.get("catalogRef") instanceof String s2 ? s2 : null) : null;
            if (ref == null || ref.isBlank()) {
                throw bad(location, "catalogs." + e.getKey() + " has no catalog-ref; give it the catalog's path or URL");
            }
            catalogs.put(e.getKey(), ref);
        }
        return c;
    }

    private static JrunException bad(String location, String what) {
        return new JrunException(ExitCode.USAGE, "catalog " + location + ": " + what);
    }

    private static String string(Map<String, Object> m, String key, String location, String where) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw bad(location, where + key + " is not a string");
    }

    /** A string, or a number written without quotes ("java": 17). */
    private static String scalar(Map<String, Object> m, String key, String location, String where) {
        Object v = m.get(key);
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return string(m, key, location, where + ".");
    }

    private static List<String> strings(Map<String, Object> m, String key, String location, String where) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) {
            List<String> out = new ArrayList<>();
            l.forEach(o -> out.add((String) o));
            return out;
        }
        throw bad(location, where + "." + key + " is not a list of strings");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key, String location, String where) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw bad(location, where + key + " is not an object");
    }

    /** The file of a local catalog. */
    public Path file() {
        if (remote) {
            throw new IllegalStateException(location + " is remote");
        }
        return Path.of(location);
    }

    /**
     * What script-refs are relative to: base-ref (itself relative to the catalog), else the
     * catalog's directory; a directory path or a URL ending in '/'.
     */
    public String base() {
        String dir = remote ? location.substring(0, location.lastIndexOf('/') + 1)
                : Path.of(location).getParent().toString() + "/";
        if (baseRef == null || baseRef.isBlank()) {
            return dir;
        }
        String b = baseRef.endsWith("/") ? baseRef : baseRef + "/";
        if (isUrl(b)) {
            return b;
        }
        if (remote) {
            return URI.create(dir).resolve(b).toString();
        }
        return Path.of(dir).resolve(b).normalize() + "/";
    }

    /**
     * A script-ref as a run takes it: a URL or Maven coordinates as they are; a path relative to
     * {@link #base()} (for a remote catalog: a URL beside it).
     */
    public String resolve(String scriptRef) {
        if (isUrl(scriptRef) || isCoordinates(scriptRef)) {
            return scriptRef;
        }
        String base = base();
        if (isUrl(base)) {
            if (scriptRef.startsWith("/")) {
                throw bad(location, "script-ref " + scriptRef + " is an absolute path in a remote catalog; a remote"
                        + " catalog names its scripts by URL, or relative to itself");
            }
            return URI.create(base).resolve(scriptRef).toString();
        }
        String home = System.getProperty("user.home");
        String ref = scriptRef.startsWith("~/") ? home + scriptRef.substring(1) : scriptRef;
        return Path.of(base).resolve(ref).normalize().toString();
    }

    static boolean isUrl(String s) {
        return s.startsWith("https://") || s.startsWith("http://");
    }

    /** group:artifact:version[:classifier][@type], as a script-ref. */
    static boolean isCoordinates(String s) {
        return s.matches("[A-Za-z0-9_.\\-]+:[A-Za-z0-9_.\\-]+:[^:/\\s]+(:[A-Za-z0-9_.\\-]+)?(@[a-z]+)?");
    }

    /** This catalog with {@code alias} added (or replaced), as its file's new text will say it. */
    public Catalog withAlias(String name, Map<String, Object> alias) {
        Map<String, Object> r = new LinkedHashMap<>(raw);
        Map<String, Object> all = new LinkedHashMap<>(object(raw, "aliases", location, ""));
        all.put(name, alias);
        r.put("aliases", all);
        return parse(Json.write(r), location);
    }

    public Catalog withoutAlias(String name) {
        Map<String, Object> r = new LinkedHashMap<>(raw);
        Map<String, Object> all = new LinkedHashMap<>(object(raw, "aliases", location, ""));
        all.remove(name);
        r.put("aliases", all);
        return parse(Json.write(r), location);
    }

    /** This catalog with the named catalog reference added (or replaced). */
    public Catalog withCatalog(String name, String ref, String catalogDescription) {
        Map<String, Object> r = new LinkedHashMap<>(raw);
        Map<String, Object> all = new LinkedHashMap<>(object(raw, "catalogs", location, ""));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("catalog-ref", ref);
        if (catalogDescription != null) {
            c.put("description", catalogDescription);
        }
        all.put(name, c);
        r.put("catalogs", all);
        return parse(Json.write(r), location);
    }

    public Catalog withoutCatalog(String name) {
        Map<String, Object> r = new LinkedHashMap<>(raw);
        Map<String, Object> all = new LinkedHashMap<>(object(raw, "catalogs", location, ""));
        all.remove(name);
        r.put("catalogs", all);
        return parse(Json.write(r), location);
    }

    /** The file's text. */
    public String toJson() {
        return Json.write(raw);
    }
}
