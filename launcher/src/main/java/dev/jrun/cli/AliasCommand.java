package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.catalog.Alias;
import dev.jrun.catalog.AliasResolver;
import dev.jrun.catalog.Catalog;
import dev.jrun.catalog.CatalogFiles;
import dev.jrun.remote.RemoteUrl;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun alias add|list|remove}: names for scripts, in a jbang-catalog.json; jrun NAME runs one. */
@Command(name = "alias", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Manages aliases (JBang's jbang-catalog.json): jrun NAME [ARGS] runs the script an alias names, with "
                + "its arguments and options.",
            "An alias is looked up in the jbang-catalog.json (or .jbang/jbang-catalog.json) of the working directory and "
                + "each one above it, nearest first, then in your own, $XDG_CONFIG_HOME/jrun/jbang-catalog.json."},
        subcommands = {AliasCommand.Add.class, AliasCommand.ListAliases.class, AliasCommand.Remove.class})
public final class AliasCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw Main.usage("name what to do: jrun alias add [--name NAME] SCRIPT [ARGS], jrun alias list or"
                + " jrun alias remove NAME (see jrun alias --help)");
    }

    /** -f FILE, else the nearest catalog file, else the user's own. */
    static Catalog target(CatalogFiles files, Path file) {
        if (file != null) {
            return CatalogFiles.read(file);
        }
        Path nearest = files.nearest(Path.of("").toAbsolutePath());
        return CatalogFiles.read(nearest != null ? nearest : files.user());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Adds (or with --force replaces) an alias for SCRIPT with ARGS before the run's own, to the nearest "
                    + "jbang-catalog.json (else your own, or -f FILE). A local script is named relative to the catalog."})
    static final class Add implements Callable<Integer> {
        @Option(names = "--name", paramLabel = "NAME", description = "The alias (default: the script's name without .java).")
        String name;

        @Option(names = {"-f", "--file"}, paramLabel = "CATALOGFILE", description = "The catalog file to add it to.")
        Path file;

        @Option(names = "--description", paramLabel = "TEXT",
                description = "What it does (default: the script's //DESCRIPTION lines).")
        String description;

        @Option(names = {"-R", "--runtime-option", "--java-options"}, paramLabel = "OPTION", description = "A JVM option for its runs.")
        List<String> javaOptions = new ArrayList<>();

        @Option(names = "--deps", paramLabel = "G:A:V[,...]", description = "More dependencies, as //DEPS.")
        List<String> deps = new ArrayList<>();

        @Option(names = "--repos", paramLabel = "[ID=]URL[,...]", description = "Repositories, as //REPOS.")
        List<String> repos = new ArrayList<>();

        @Option(names = "-D", paramLabel = "NAME=VALUE", description = "A system property for its runs.")
        List<String> defines = new ArrayList<>();

        @Option(names = {"-j", "--java"}, paramLabel = "N[+]", description = "The JDK its runs use, as --java.")
        String java;

        @Option(names = {"-m", "--main"}, paramLabel = "CLASS", description = "Its main class, as --main.")
        String main;

        @Option(names = "--force", description = "Replace an alias of that name.")
        boolean force;

        @Parameters(index = "0", paramLabel = "SCRIPT|URL", description = "A script file, a URL, coordinates, or another alias.")
        String script;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", description = "Arguments its runs get first.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            CatalogFiles files = CatalogLoader.current(false, false).files();
            Catalog target = target(files, file);
            Path catalogDir = Path.of(target.location()).getParent();
            String ref = script;
            Path local = Path.of(script).toAbsolutePath().normalize();
            String desc = description;
            boolean isFile = !RemoteUrl.isUrl(script) && Files.exists(local);
            if (isFile) {
                Script.read(local, script); // the usual errors: unreadable, a directory, empty
                // beside a project's catalog, relative (it travels with it); in your own, absolute
                ref = Path.of(target.location()).equals(files.user()) ? local.toString() : catalogDir.relativize(local).toString();
                if (desc == null) {
                    desc = descriptionOf(local);
                }
            } else if (!RemoteUrl.isUrl(script) && !Script.looksLikeCoordinates(script) && !AliasResolver.looksLikeAlias(script)) {
                throw new JrunException(ExitCode.SCRIPT, script + ": no such file, and not a URL, coordinates or an alias;"
                        + " check the path");
            }
            String n = name;
            if (n == null) {
                String base = script.replaceAll("[?#].*$", "");
                base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\.(java|jsh|jar)$", "");
                n = base;
                if (!n.matches(Catalog.NAME)) {
                    throw Main.usage("'" + n + "' cannot be an alias; name it: jrun alias add --name NAME " + script);
                }
            }
            if (!n.matches(Catalog.NAME)) {
                throw Main.usage("'" + n + "' cannot be an alias's name (a letter, then letters, digits, - or _)");
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("script-ref", ref);
            if (desc != null) {
                a.put("description", desc);
            }
            putList(a, "arguments", args);
            putList(a, "java-options", javaOptions);
            putList(a, "dependencies", deps);
            putList(a, "repositories", repos);
            if (!defines.isEmpty()) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (String d : defines) {
                    int eq = d.indexOf('=');
                    props.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "" : d.substring(eq + 1));
                }
                a.put("properties", props);
            }
            if (java != null) {
                a.put("java", java);
            }
            if (main != null) {
                a.put("main", main);
            }
            String alias = n;
            files.update(target.file(), now -> {
                if (now.aliases().containsKey(alias) && !force) {
                    throw Main.usage(alias + " is an alias of " + now.location() + " already ("
                            + now.aliases().get(alias).scriptRef() + "); replace it with --force, or choose another --name");
                }
                return now.withAlias(alias, a);
            });
            System.err.println("jrun: added alias " + n + " -> " + ref + " to " + target.location());
            return 0;
        }

        private static void putList(Map<String, Object> a, String key, List<String> values) {
            if (!values.isEmpty()) {
                a.put(key, new ArrayList<>(values));
            }
        }

        /** The script's //DESCRIPTION lines, joined, as JBang takes them; null if it has none. */
        static String descriptionOf(Path script) {
            try {
                List<String> lines = new ArrayList<>();
                for (String l : Files.readAllLines(script, StandardCharsets.UTF_8)) {
                    if (l.startsWith("//DESCRIPTION ")) {
                        lines.add(l.substring("//DESCRIPTION ".length()).strip());
                    }
                }
                return lines.isEmpty() ? null : String.join("\n", lines);
            } catch (IOException | java.io.UncheckedIOException e) {
                return null;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Lists the aliases jrun NAME runs here (or those of CATALOG): NAME, its script, its description.")
    static final class ListAliases implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "CATALOG",
                description = "A catalog's name, file or URL, or GitHub's ORG[/REPO].")
        String catalog;

        @Option(names = {"-o", "--offline"}, description = "Use the cached copy of a remote catalog.")
        boolean offline;

        @Override
        public Integer call() {
            CatalogLoader loader = CatalogLoader.current(offline, false);
            List<Catalog> catalogs;
            if (catalog == null) {
                catalogs = loader.local();
            } else if (RemoteUrl.isUrl(catalog)) {
                catalogs = List.of(loader.load(dev.jrun.catalog.CatalogRef.withFile(catalog)));
            } else if (Files.exists(Path.of(catalog))) {
                Path p = Path.of(catalog);
                catalogs = List.of(loader.load((Files.isDirectory(p) ? p.resolve(Catalog.FILE_NAME) : p).toAbsolutePath()
                        .normalize().toString()));
            } else {
                catalogs = List.of(new AliasResolver(loader).catalog(catalog));
            }
            Set<String> seen = new LinkedHashSet<>();
            int width = 0;
            List<Alias> shown = new ArrayList<>();
            for (Catalog c : catalogs) {
                for (Alias a : c.aliases().values()) {
                    if (seen.add(a.name())) {
                        shown.add(a);
                        width = Math.max(width, a.name().length());
                    }
                }
            }
            for (Alias a : shown) {
                String d = a.description() == null ? "" : "  " + a.description().replace("\n", " ");
                System.out.println(String.format("%-" + width + "s  %s%s", a.name(), a.scriptRef(), d));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes the alias NAME from the nearest catalog that has it (or from -f FILE).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-f", "--file"}, paramLabel = "CATALOGFILE", description = "The catalog file to remove it from.")
        Path file;

        @Override
        public Integer call() {
            CatalogLoader loader = CatalogLoader.current(false, false);
            CatalogFiles files = loader.files();
            Catalog target = null;
            if (file != null) {
                target = CatalogFiles.read(file);
            } else {
                for (Path f : files.chain(Path.of("").toAbsolutePath())) {
                    Catalog c = CatalogFiles.read(f);
                    if (c.aliases().containsKey(name) && !f.equals(files.jbang())) {
                        target = c;
                        break;
                    }
                }
            }
            if (target == null || !target.aliases().containsKey(name)) {
                throw new JrunException(ExitCode.USAGE, "no alias " + name + (target == null ? " in the catalogs here"
                        : " in " + target.location()) + "; see jrun alias list");
            }
            files.update(target.file(), now -> {
                if (!now.aliases().containsKey(name)) {
                    throw new JrunException(ExitCode.USAGE, "no alias " + name + " in " + now.location()
                            + " (removed meanwhile); see jrun alias list");
                }
                return now.withoutAlias(name);
            });
            System.err.println("jrun: removed alias " + name + " from " + target.location());
            return 0;
        }
    }
}
