package dev.jrun.catalog;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Similar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows {@code NAME} (the nearest catalog that has it) or {@code NAME@CATALOG} (a named catalog,
 * else an implicit one: {@link CatalogRef}) to a script, through aliases of aliases (an unqualified
 * script-ref that is an alias of the same catalog is that alias), refusing a loop.
 */
public final class AliasResolver {
    private final Lookup lookup;

    public AliasResolver(Lookup lookup) {
        this.lookup = lookup;
    }

    /** Whether {@code arg} has an alias's form: NAME or NAME@CATALOG. */
    public static boolean looksLikeAlias(String arg) {
        int at = arg.indexOf('@');
        String name = at < 0 ? arg : arg.substring(0, at);
        return name.matches(Catalog.NAME) && (at < 0 || CatalogRef.plausible(arg.substring(at + 1)));
    }

    /** The alias {@code arg} names; empty for an unqualified name that no catalog has. */
    public Optional<Resolved> find(String arg) {
        if (!looksLikeAlias(arg)) {
            return Optional.empty();
        }
        Optional<Alias> first = arg.contains("@") ? Optional.of(qualified(arg)) : unqualified(arg);
        return first.map(a -> follow(a, arg, new LinkedHashSet<>()));
    }

    /** As {@link #find}, but an unknown name is an error, with a did-you-mean of the aliases there are. */
    public Resolved resolve(String arg) {
        return find(arg).orElseThrow(() -> unknown(arg));
    }

    /** The error for an unqualified NAME that no catalog has. */
    public JrunException unknown(String name) {
        Set<String> known = new TreeSet<>();
        for (Catalog c : lookup.local()) {
            known.addAll(c.aliases().keySet());
        }
        String mean = Similar.closest(name, known).map(n -> "; did you mean " + n + "?").orElse("");
        return new JrunException(ExitCode.SCRIPT, name + ": no such file, and no alias " + name
                + " in the catalogs here" + (mean.isEmpty() ? " (jrun alias list shows them)" : mean));
    }

    private Optional<Alias> unqualified(String name) {
        for (Catalog c : lookup.local()) {
            Alias a = c.aliases().get(name);
            if (a != null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private Alias qualified(String arg) {
        int at = arg.indexOf('@');
        String name = arg.substring(0, at);
        String catalogName = arg.substring(at + 1);
        Catalog c = catalog(catalogName);
        Alias a = c.aliases().get(name);
        if (a == null) {
            String mean = Similar.closest(name, c.aliases().keySet()).map(n -> "did you mean " + n + "@" + catalogName + "? ")
                    .orElse("");
            throw new JrunException(ExitCode.SCRIPT, arg + ": the catalog " + c.location() + " has no alias " + name + "; "
                    + mean + "jrun alias list " + catalogName + " shows its aliases");
        }
        return a;
    }

    /** A catalog by its registered name, else as an implicit catalog. */
    public Catalog catalog(String catalogName) {
        Optional<Catalog> named = lookup.named(catalogName);
        if (named.isPresent()) {
            return named.get();
        }
        if (!CatalogRef.plausible(catalogName)) {
            throw new JrunException(ExitCode.USAGE, catalogName + ": no catalog of that name (jrun catalog list shows"
                    + " them), nor an ORG[/REPO] of GitHub; check it");
        }
        String url = CatalogRef.url(catalogName, lookup.github());
        try {
            return lookup.load(url);
        } catch (JrunException e) {
            if (e.getMessage() != null && e.getMessage().contains("(not found)")) {
                throw new JrunException(e.status(), catalogName + ": no catalog of that name here (jrun catalog list shows"
                        + " them), and none at " + url + " (404); check the name");
            }
            throw e;
        }
    }

    private Resolved follow(Alias a, String asNamed, Set<String> seen) {
        String key = a.name() + "@" + a.catalog().location();
        if (!seen.add(key)) {
            List<String> names = new ArrayList<>();
            seen.forEach(s -> names.add(s.substring(0, s.indexOf('@'))));
            throw new JrunException(ExitCode.USAGE, asNamed + ": the aliases make a loop (" + String.join(" -> ", names)
                    + " -> " + a.name() + ") in " + a.catalog().location() + "; fix a script-ref there");
        }
        String ref = a.scriptRef();
        Alias inner = null;
        if (ref.contains("@") && looksLikeAlias(ref) && !Catalog.isUrl(ref)) {
            inner = qualified(ref);
        } else if (ref.matches(Catalog.NAME) && a.catalog().aliases().containsKey(ref)) {
            inner = a.catalog().aliases().get(ref);
        } else if (ref.matches(Catalog.NAME) && !a.catalog().remote()
                && !java.nio.file.Files.exists(java.nio.file.Path.of(a.catalog().resolve(ref)))) {
            // a name that is no file beside a local catalog: an alias of the catalogs here, as JBang looks it up
            inner = unqualified(ref).orElse(null);
        }
        if (inner == null) {
            String script = a.catalog().resolve(ref);
            return new Resolved(script, a.description(), a.arguments(), a.javaOptions(), a.dependencies(),
                    a.repositories(), a.properties(), a.java(), a.main(), a.sources(), a.files(), a.classpaths(),
                    a.compileOptions(), a.catalog(), List.of(asNamed));
        }
        Resolved r = follow(inner, ref, seen);
        List<String> chain = new ArrayList<>();
        chain.add(asNamed);
        chain.addAll(r.chain());
        return new Resolved(r.script(), a.description() != null ? a.description() : r.description(),
                or(a.arguments(), r.arguments()), or(a.javaOptions(), r.javaOptions()),
                or(a.dependencies(), r.dependencies()), or(a.repositories(), r.repositories()),
                a.properties().isEmpty() ? r.properties() : merged(r.properties(), a.properties()),
                a.java() != null ? a.java() : r.java(), a.main() != null ? a.main() : r.main(),
                or(a.sources(), r.sources()), or(a.files(), r.files()), or(a.classpaths(), r.classpaths()),
                or(a.compileOptions(), r.compileOptions()), r.catalog(), chain);
    }

    private static List<String> or(List<String> outer, List<String> inner) {
        return outer.isEmpty() ? inner : outer;
    }

    private static Map<String, String> merged(Map<String, String> inner, Map<String, String> outer) {
        Map<String, String> m = new java.util.LinkedHashMap<>(inner);
        m.putAll(outer);
        return m;
    }
}
