package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.cache.Sh;
import dev.jrun.catalog.AliasResolver;
import dev.jrun.catalog.Resolved;
import dev.jrun.remote.RemoteUrl;
import dev.jrun.remote.TrustList;
import dev.jrun.script.Script;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrun app install|list|uninstall}: scripts as commands on PATH. A command is a small sh
 * wrapper that execs the jrun front end on the script, so it starts exactly like {@code jrun
 * SCRIPT}: one JVM, straight from the cache, rebuilt if the cache was cleared.
 */
@Command(name = "app", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Puts scripts on PATH as commands, and lists and removes them.",
            "",
            "A command is a small sh file that runs jrun on the script, which stays where it is: edit "
                + "it and the command changes with it; move it away and the command says so."},
        subcommands = {AppCommand.Install.class, AppCommand.ListApps.class, AppCommand.Uninstall.class})
public final class AppCommand implements Callable<Integer> {
    /** The second line of every wrapper jrun writes; what marks a command as jrun's. */
    static final String MARK = "# jrun app: ";
    static final String DIR_HELP = "Where commands go (default: ~/.local/bin).";

    @Override
    public Integer call() {
        throw Main.usage("name what to do: jrun app install SCRIPT, jrun app list or jrun app uninstall NAME"
                + " (see jrun app --help)");
    }

    static Path dir(Path given) {
        return given != null ? given.toAbsolutePath() : Environment.current().home().resolve(".local/bin");
    }

    /** The script a wrapper runs, if the file is one of jrun's wrappers. */
    static Optional<String> scriptOf(Path command) {
        if (!Files.isRegularFile(command)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(command, StandardCharsets.UTF_8);
            if (lines.size() > 1 && lines.get(1).startsWith(MARK)) {
                return Optional.of(lines.get(1).substring(MARK.length()));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable or binary: not ours
        }
        return Optional.empty();
    }

    @Command(name = "install", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Makes SCRIPT a command: DIR/NAME runs jrun SCRIPT with the command's arguments. SCRIPT is a "
                    + ".java file, a URL (trusted: see jrun trust), an alias (NAME@CATALOG stays one; an alias of the catalogs "
                    + "here is followed now, with its options and arguments) or group:artifact:version."})
    static final class Install implements Callable<Integer> {
        @Parameters(paramLabel = "SCRIPT", description = "The .java file, URL, alias or coordinates.")
        String script;

        @Option(names = "--name", paramLabel = "NAME", description = "The command's name (default: the file's name without .java).")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = DIR_HELP)
        Path dir;

        @Option(names = "--force", description = "Replace an existing command that jrun did not install.")
        boolean force;

        @Option(names = {"-j", "--java"}, paramLabel = "N[+]", description = "Run it on JDK N (or N or newer), as jrun --java.")
        String java;

        @Option(names = {"-R", "--runtime-option", "--java-options"}, paramLabel = "OPTION", description = "A JVM option for its runs.")
        List<String> runtimeOptions = new ArrayList<>();

        @Option(names = "-D", paramLabel = "NAME=VALUE", description = "A system property for its runs.")
        List<String> defines = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> pre = new ArrayList<>();
            List<String> post = new ArrayList<>();
            String target;
            boolean isFile;
            String cmd;
            Path file = Path.of(script);
            if (RemoteUrl.isUrl(script)) {
                String raw = RemoteUrl.toRaw(script);
                RemoteUrl.check(raw, System.getenv());
                Environment env = Environment.current();
                if (!TrustList.of(env.vars(), env.home()).trusts(raw)) {
                    throw new JrunException(ExitCode.REMOTE, raw + " is not from a trusted source, so its command would not"
                            + " run; trust it first: jrun trust add " + TrustList.prefixOf(raw));
                }
                target = script;
                isFile = false;
                String last = raw.replaceAll("[?#].*$", "");
                cmd = last.substring(last.lastIndexOf('/') + 1).replaceAll("\\.(java|jsh|jar)$", "");
            } else if (!Files.exists(file) && Script.looksLikeCoordinates(script)) {
                target = script;
                isFile = false;
                cmd = script.split(":")[1];
            } else if (!Files.exists(file) && AliasResolver.looksLikeAlias(script)) {
                AliasResolver resolver = new AliasResolver(CatalogLoader.current(false, false));
                Resolved r = resolver.find(script).orElseThrow(() -> resolver.unknown(script));
                cmd = script.contains("@") ? script.substring(0, script.indexOf('@')) : script;
                if (script.contains("@")) {
                    target = script; // ALIAS@CATALOG means the same from every directory: it stays one
                    isFile = false;
                } else {
                    pre.addAll(r.options());
                    post.addAll(r.arguments());
                    target = r.script();
                    isFile = !RemoteUrl.isUrl(target) && !Script.looksLikeCoordinates(target);
                }
            } else {
                Script.read(file, script); // the usual errors for a missing or unreadable file
                target = file.toAbsolutePath().normalize().toString();
                isFile = true;
                String base = Path.of(target).getFileName().toString();
                cmd = base.endsWith(".java") ? base.substring(0, base.length() - 5) : base;
            }
            if (java != null) {
                pre.add("--java");
                pre.add(java);
            }
            runtimeOptions.forEach(o -> {
                pre.add("-R");
                pre.add(o);
            });
            defines.forEach(d -> pre.add("-D" + d));
            for (String w : concat(pre, List.of(target), post)) {
                if (w.contains("\n") || w.contains("\r")) {
                    throw Main.usage("'" + w.replace("\n", "\\n") + "' holds a line break; a command's words cannot");
                }
            }
            if (name != null) {
                cmd = name;
            }
            if (!cmd.matches("[A-Za-z0-9_+@%,:=][A-Za-z0-9_+@%,:=.-]*")) {
                throw Main.usage("'" + cmd + "' cannot be a command's name; choose one with --name NAME");
            }
            Path dirPath = dir(dir);
            Files.createDirectories(dirPath);
            Path command = dirPath.resolve(cmd);
            Optional<String> previous = scriptOf(command);
            if (Files.exists(command) && previous.isEmpty() && !force) {
                throw new JrunException(ExitCode.USAGE, command + " already exists and jrun did not install it;"
                        + " choose another name with --name NAME, or replace it with --force");
            }
            Path jrun = FrontEnd.path();
            StringBuilder words = new StringBuilder();
            pre.forEach(w -> words.append(Sh.quote(w)).append(' '));
            StringBuilder after = new StringBuilder();
            post.forEach(w -> after.append(Sh.quote(w)).append(' '));
            String wrapper = "#!/bin/sh\n"
                    + MARK + target + "\n"
                    + "# written by 'jrun app install'; 'jrun app uninstall " + cmd + "' removes it\n";
            if (isFile) {
                wrapper += "script=" + Sh.quote(target) + "\n"
                        + "[ -f \"$script\" ] || { printf 'jrun: error: %s: its script %s is gone (moved or deleted);"
                        + " install it again from its new place: jrun app install NEWPATH --name %s, or remove the command:"
                        + " jrun app uninstall %s\\n' " + Sh.quote(cmd) + " \"$script\" " + Sh.quote(cmd) + " " + Sh.quote(cmd)
                        + " >&2; exit 3; }\n"
                        + "exec " + Sh.quote(jrun.toString()) + " " + words + "\"$script\" " + after + "\"$@\"\n";
            } else {
                wrapper += "exec " + Sh.quote(jrun.toString()) + " " + words + Sh.quote(target) + " " + after + "\"$@\"\n";
            }
            Path tmp = Files.createTempFile(dirPath, "." + cmd, ".tmp");
            try {
                Files.writeString(tmp, wrapper, StandardCharsets.UTF_8);
                tmp.toFile().setExecutable(true, false);
                Files.move(tmp, command, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            System.out.println((previous.isPresent() ? "replaced " : "installed ") + command + " -> " + target);
            if (!onPath(dirPath)) {
                System.out.println("note: " + dirPath + " is not on your PATH; add it (export PATH=\"" + dirPath
                        + ":$PATH\") to run " + cmd + " by its name");
            }
            return 0;
        }

        private static List<String> concat(List<String> a, List<String> b, List<String> c) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return all;
        }

        private static boolean onPath(Path dir) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!p.isEmpty() && Path.of(p).toAbsolutePath().normalize().equals(dir.normalize())) {
                    return true;
                }
            }
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the commands jrun installed in DIR, and their scripts.")
    static final class ListApps implements Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR", description = DIR_HELP)
        Path dir;

        @Override
        public Integer call() throws IOException {
            Path dirPath = dir(dir);
            List<String> lines = new ArrayList<>();
            if (Files.isDirectory(dirPath)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dirPath)) {
                    for (Path p : s) {
                        scriptOf(p).ifPresent(script -> lines.add(p.getFileName() + " -> " + script
                                + (!script.startsWith("/") || Files.isRegularFile(Path.of(script)) ? "" : "  (script gone)")));
                    }
                }
            }
            lines.sort(null);
            lines.forEach(System.out::println);
            if (lines.isEmpty()) {
                System.out.println("no commands installed by jrun in " + dirPath);
            }
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Removes the command NAME that jrun installed.")
    static final class Uninstall implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The command's name.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = DIR_HELP)
        Path dir;

        @Override
        public Integer call() throws IOException {
            Path target = dir(dir).resolve(name);
            if (name.contains("/") || !Files.exists(target)) {
                throw Main.usage("no command " + name + " in " + dir(dir) + "; see jrun app list");
            }
            if (scriptOf(target).isEmpty()) {
                throw Main.usage(target + " was not installed by jrun; remove it yourself if you mean to");
            }
            Files.delete(target);
            System.out.println("removed " + target);
            return 0;
        }
    }
}
