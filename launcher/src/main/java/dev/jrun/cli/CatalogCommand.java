package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.catalog.Catalog;
import dev.jrun.catalog.CatalogFiles;
import dev.jrun.catalog.CatalogRef;
import dev.jrun.remote.RemoteUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun catalog add|list|update|remove}: the named catalogs that ALIAS@NAME runs from. */
@Command(name = "catalog", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Manages named catalogs of aliases (JBang's jbang-catalog.json): jrun ALIAS@NAME runs an alias of one.",
            "The names are kept in your own catalog, $XDG_CONFIG_HOME/jrun/jbang-catalog.json (else ~/.config/jrun/), "
                + "private like the cache; a remote catalog is cached as remote scripts are."},
        subcommands = {CatalogCommand.Add.class, CatalogCommand.ListCatalogs.class, CatalogCommand.Update.class,
            CatalogCommand.Remove.class})
public final class CatalogCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw Main.usage("name what to do: jrun catalog add [--name NAME] URL|FILE, jrun catalog list, jrun catalog update"
                + " or jrun catalog remove NAME (see jrun catalog --help)");
    }

    /** The catalog file a command writes: -f FILE, else the user's own. */
    static Catalog target(CatalogFiles files, Path file) {
        return CatalogFiles.read(file != null ? file : files.user());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Names a catalog (a file, a URL, or GitHub's ORG[/REPO] as in ALIAS@ORG), after reading it.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: ORG for ORG, REPO for ORG/REPO).")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "What it holds.")
        String description;

        @Option(names = {"-f", "--file"}, paramLabel = "CATALOGFILE",
                description = "The catalog file to add it to (default: your own).")
        Path file;

        @Option(names = {"-o", "--offline"}, description = "Use the cached copy of a remote catalog.")
        boolean offline;

        @Parameters(paramLabel = "URL|FILE", description = "The catalog: a jbang-catalog.json (or its directory), a URL, or ORG[/REPO].")
        String ref;

        @Override
        public Integer call() {
            CatalogLoader loader = CatalogLoader.current(offline, false);
            String where;
            Path local = Path.of(ref);
            if (RemoteUrl.isUrl(ref)) {
                where = CatalogRef.withFile(ref);
            } else if (Files.exists(local)) {
                Path f = Files.isDirectory(local) ? local.resolve(Catalog.FILE_NAME) : local;
                where = f.toAbsolutePath().normalize().toString();
            } else if (CatalogRef.plausible(ref) && !ref.contains(".")) {
                where = CatalogRef.url(ref, loader.github());
            } else {
                throw Main.usage(ref + ": no such file, and not a URL or GitHub's ORG[/REPO]; check it");
            }
            Catalog read = loader.load(where);
            String n = name;
            if (n == null) {
                // ORG: ORG; ORG/REPO: REPO (ORG/jbang-catalog: ORG)
                String[] parts = ref.split("~")[0].split("/");
                String implicit = parts.length > 1 && !parts[1].equals("jbang-catalog") ? parts[1] : parts[0];
                if (RemoteUrl.isUrl(ref) || Files.exists(local) || !implicit.matches(Catalog.NAME)) {
                    throw Main.usage("give the catalog a name: jrun catalog add --name NAME " + ref);
                }
                n = implicit;
            }
            if (!n.matches(Catalog.NAME)) {
                throw Main.usage("'" + n + "' cannot be a catalog's name (a letter, then letters, digits, - or _)");
            }
            CatalogFiles files = loader.files();
            Catalog target = target(files, file);
            String desc = description != null ? description : read.description();
            String named = n;
            files.update(target.file(), now -> now.withCatalog(named, where, desc));
            System.err.println("jrun: added catalog " + n + " (" + where + ", " + read.aliases().size() + " aliases) to "
                    + target.location() + "; run its aliases as ALIAS@" + n);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the named catalogs: NAME, where it is, its description.")
    static final class ListCatalogs implements Callable<Integer> {
        @Override
        public Integer call() {
            CatalogLoader loader = CatalogLoader.current(false, false);
            Map<String, String> seen = new LinkedHashMap<>();
            for (Catalog c : loader.local()) {
                Object all = c.raw().get("catalogs");
                c.catalogs().forEach((name, ref) -> {
                    if (!seen.containsKey(name)) {
                        Object d = all instanceof Map<?, ?> m && m.get(name) instanceof Map<?, ?> e ? e.get("description") : null;
                        seen.put(name, name + "  " + ref + (d instanceof String s && !s.isBlank() ? "  " + s : ""));
                    }
                });
            }
            seen.values().forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Fetches each named remote catalog again now (else one is revalidated at most once an hour).")
    static final class Update implements Callable<Integer> {
        @Override
        public Integer call() {
            CatalogLoader loader = CatalogLoader.current(false, true);
            Map<String, String> refs = new LinkedHashMap<>();
            for (Catalog c : loader.local()) {
                c.catalogs().forEach((name, ref) -> refs.putIfAbsent(name, CatalogRef.withFile(c.resolve(ref))));
            }
            int n = 0;
            for (Map.Entry<String, String> e : refs.entrySet()) {
                if (RemoteUrl.isUrl(e.getValue())) {
                    Catalog c = loader.load(e.getValue());
                    System.err.println("jrun: updated " + e.getKey() + " (" + e.getValue() + ", " + c.aliases().size()
                            + " aliases)");
                    n++;
                }
            }
            if (n == 0) {
                System.err.println("jrun: no remote catalogs to update (jrun catalog list shows the catalogs)");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes the catalog NAME (from your catalog, or -f FILE).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-f", "--file"}, paramLabel = "CATALOGFILE", description = "The catalog file to remove it from.")
        Path file;

        @Override
        public Integer call() {
            CatalogFiles files = CatalogLoader.current(false, false).files();
            Catalog target = target(files, file);
            if (!target.catalogs().containsKey(name)) {
                throw new JrunException(ExitCode.USAGE, "no catalog " + name + " in " + target.location()
                        + "; see jrun catalog list");
            }
            files.update(target.file(), now -> {
                if (!now.catalogs().containsKey(name)) {
                    throw new JrunException(ExitCode.USAGE, "no catalog " + name + " in " + now.location()
                            + " (removed meanwhile); see jrun catalog list");
                }
                return now.withoutCatalog(name);
            });
            System.err.println("jrun: removed catalog " + name + " from " + target.location());
            return 0;
        }
    }
}
