package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.catalog.AliasResolver;
import dev.jrun.catalog.Resolved;
import dev.jrun.cache.Sh;
import dev.jrun.script.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The front end's helper for {@code jrun [OPTIONS] NAME [ARGS]} and {@code jrun build [OPTIONS]
 * NAME}, where NAME is no file but has an alias's form: prints, as sh words, the command line the
 * alias stands for, which the front end then runs (its script is a path, a URL or coordinates):
 * the alias's options (-R, --deps, ...), the user's, the alias's script, its arguments (not for a
 * build), the user's. Parsed by hand, as {@link FetchCommand}: no picocli on this path; a name no
 * catalog has goes to the CLI ({@link Main}), which says what is wrong.
 */
public final class AliasWords {
    private AliasWords() {
    }

    /**
     * {@code [--offline] [--fresh] [--verbose] [--catalog FILE|URL] -- N ARGS...}: ARGS is the command
     * line, ARGS[N] the name.
     */
    public static void main(String[] argv) {
        int status;
        boolean verbose = false;
        try {
            boolean offline = false;
            boolean fresh = false;
            String catalog = null;
            int i = 0;
            for (; i < argv.length && !argv[i].equals("--"); i++) {
                switch (argv[i]) {
                    case "--offline" -> offline = true;
                    case "--fresh" -> fresh = true;
                    case "--verbose" -> verbose = true;
                    case "--catalog" -> catalog = i + 1 < argv.length ? argv[++i] : null;
                    default -> { }
                }
            }
            if (i + 2 >= argv.length) {
                throw Main.usage("the alias helper is started by the jrun command, not by hand");
            }
            int at = Integer.parseInt(argv[i + 1]);
            List<String> args = Arrays.asList(argv).subList(i + 2, argv.length);
            Optional<List<String>> words = words(args, at, CatalogLoader.current(offline, fresh, catalog), verbose);
            if (words.isEmpty()) {
                System.exit(Main.run(args.toArray(String[]::new))); // the CLI's one-line error (and did-you-mean)
            }
            StringBuilder out = new StringBuilder();
            for (String w : words.get()) {
                out.append(out.length() == 0 ? "" : " ").append(Sh.quote(w));
            }
            System.out.println(out);
            status = 0;
        } catch (Throwable e) {
            status = dev.jrun.Report.failure(e, verbose);
        }
        System.out.flush();
        System.exit(status);
    }

    /** The command line {@code args} stands for, if {@code args[at]} is an alias. */
    static Optional<List<String>> words(List<String> args, int at, CatalogLoader catalogs, boolean verbose) {
        String name = args.get(at);
        if (Files.exists(Path.of(name)) || !AliasResolver.looksLikeAlias(name)) {
            return Optional.empty();
        }
        Optional<Resolved> found = new AliasResolver(catalogs).find(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Resolved r = found.get();
        String target = r.script();
        if (!target.startsWith("https://") && !target.startsWith("http://") && !Script.looksLikeCoordinates(target)
                && !Files.isRegularFile(Path.of(target))) {
            throw new JrunException(ExitCode.SCRIPT, name + ": the alias's script " + target + " is missing (script-ref in "
                    + r.catalog().location() + "); fix the script-ref, or put the script back");
        }
        if (verbose) {
            System.err.println("jrun: alias " + String.join(" -> ", r.chain()) + " -> " + target + " (catalog "
                    + r.catalog().location() + ")");
        }
        boolean build = at > 0 && args.get(0).equals("build");
        List<String> words = new ArrayList<>();
        if (build) {
            words.add("build");
        }
        words.addAll(r.options());
        words.addAll(args.subList(build ? 1 : 0, at));
        words.add(target);
        if (!build) {
            words.addAll(r.arguments());
            words.addAll(args.subList(at + 1, args.size()));
        }
        return Optional.of(words);
    }
}
