package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.binfmt.BinfmtEntry;
import dev.jrun.binfmt.BinfmtMisc;
import dev.jrun.binfmt.Hints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jrun binfmt register | unregister | status}: makes the kernel run {@code ./script.java}
 * with jrun, from a shell or from any program's execve, through binfmt_misc.
 *
 * <p>The entry matches the extension {@code .java}; its interpreter is the installed sh front end
 * (which passes its own path in {@code JRUN_FRONT_END}). The only flag is {@code F}: the kernel
 * opens the interpreter at registration, so a missing one fails then, not later with a misleading
 * "required file not found", and the entry works in containers and chroots. Never {@code C}
 * (a setuid-root .java file would run as root for anyone) nor {@code O} (the kernel then refuses a
 * script as the interpreter); no {@code P}, so the front end gets {@code PATH-AS-EXECUTED ARGS...}.
 */
@Command(name = "binfmt", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Lets the kernel run .java files directly (./script.java), through binfmt_misc.", ""},
        subcommands = {BinfmtCommand.Register.class, BinfmtCommand.Unregister.class, BinfmtCommand.Status.class},
        footerHeading = "%n",
        footer = {"register and unregister need root. Without binfmt_misc, start a script with the line "
                + "'#!/usr/bin/env jrun', or '///usr/bin/env jrun \"$0\" \"$@\" ; exit $?' (valid Java; from "
                + "a shell only)."})
public final class BinfmtCommand implements Callable<Integer> {
    /** The extension the entry matches, without its dot. */
    static final String EXTENSION = "java";
    static final String FLAGS = "F";
    /** Where {@code register} records the entry for systemd-binfmt at boot. */
    static final Path CONF_DIR = Path.of("/etc/binfmt.d");
    /** The other places systemd-binfmt reads (a package installs its file under /usr/lib). */
    static final List<Path> OTHER_CONF_DIRS = List.of(Path.of("/run/binfmt.d"), Path.of("/usr/lib/binfmt.d"));
    /** The comment that marks a binfmt.d file as written by {@code register}. */
    static final String CONF_MARK = "# written by 'jrun binfmt register'";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Override
    public Integer call() {
        throw new JrunException(ExitCode.USAGE, "binfmt needs a command: register, unregister or status; see jrun binfmt --help");
    }

    /** The entry name, shared by the three commands. */
    static final class NameOption {
        @Option(names = "--name", paramLabel = "NAME", defaultValue = "jrun",
                description = "The binfmt_misc entry's name (default: ${DEFAULT-VALUE}).")
        String name;

        String checked() {
            if (!NAME.matcher(name).matches() || name.equals("register") || name.equals("status")) {
                throw new JrunException(ExitCode.USAGE, "--name " + name + ": an entry name is letters, digits, '.', '_'"
                        + " and '-' (not 'register' or 'status'); use the default, jrun");
            }
            return name;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            header = "Registers jrun as the interpreter of .java files.",
            description = {"Registers jrun as the interpreter of .java files (replacing an older jrun entry), and "
                    + "records it in /etc/binfmt.d/NAME.conf for systemd-binfmt at boot. Mounts binfmt_misc if "
                    + "needed."})
    static final class Register implements Callable<Integer> {
        @Mixin
        NameOption name;

        @Option(names = "--force", description = "Replace another tool's entry for .java files.")
        boolean force;

        @Option(names = "--interpreter", paramLabel = "PATH",
                description = "The jrun command to register (default: the one running).")
        Path interpreter;

        @Option(names = "--no-persist", description = "Do not write /etc/binfmt.d/NAME.conf.")
        boolean noPersist;

        @Override
        public Integer call() {
            String entry = name.checked();
            String interp = interpreter(interpreter);
            BinfmtMisc misc = new BinfmtMisc(BinfmtMisc.DIR);
            if (!isRoot()) {
                throw new JrunException(ExitCode.SYSTEM, "cannot register with binfmt_misc: not root; "
                        + Hints.notRoot(interp + " binfmt register" + nameArg(entry)));
            }
            misc.mount();
            // Another jrun's entry (another installation) is left alone: the kernel tries the newest entry first.
            List<BinfmtEntry> others = misc.entries().stream()
                    .filter(e -> !e.name().equals(entry) && e.matchesExtension(EXTENSION) && !isJrun(e.interpreter())).toList();
            if (!others.isEmpty() && !force) {
                throw new JrunException(ExitCode.SYSTEM, "another binfmt_misc entry already runs ." + EXTENSION + " files: "
                        + others.get(0).describe() + "; to replace it with jrun's, run: " + interp + " binfmt register --force");
            }
            PrintStream out = System.out;
            for (BinfmtEntry other : others) {
                misc.remove(other.name());
                out.println("jrun: removed the binfmt_misc entry " + other.describe());
            }
            String line = line(entry, interp);
            // Always written afresh: with F the kernel holds the file it opened, and a reinstall replaces it.
            Optional<BinfmtEntry> old = misc.entry(entry);
            if (old.isPresent()) {
                misc.remove(entry);
            }
            try {
                misc.register(line, interp, interp + " binfmt register" + nameArg(entry));
            } catch (JrunException e) {
                old.ifPresent(o -> restore(misc, o));
                throw e;
            }
            out.println("jrun: registered ." + EXTENSION + " files with binfmt_misc: entry " + entry + ", interpreter "
                    + interp + ", flags " + FLAGS);
            if (!misc.enabled()) {
                System.err.println("jrun: warning: binfmt_misc is disabled on this machine; to enable it, run as root:"
                        + " echo 1 > " + misc.dir().resolve("status"));
            }
            if (!noPersist) {
                Path conf = CONF_DIR.resolve(entry + ".conf");
                try {
                    writeConf(conf, line);
                    out.println("jrun: recorded it for boot in " + conf);
                } catch (IOException e) {
                    System.err.println("jrun: warning: cannot write " + conf + " (" + e.getMessage() + "); the entry lasts"
                            + " until reboot; rerun jrun binfmt register after booting");
                }
            }
            return 0;
        }

        private static void restore(BinfmtMisc misc, BinfmtEntry old) {
            try {
                misc.register(line(old.name(), old.interpreter()), old.interpreter(), "jrun binfmt register");
            } catch (JrunException ignored) {
                // the original error says what went wrong
            }
        }
    }

    @Command(name = "unregister", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Removes jrun's binfmt_misc entry and the /etc/binfmt.d/NAME.conf that register wrote.")
    static final class Unregister implements Callable<Integer> {
        @Mixin
        NameOption name;

        @Option(names = "--quiet-if-absent", description = "Say nothing if there is no entry.")
        boolean quietIfAbsent;

        @Option(names = "--no-persist", description = "Leave /etc/binfmt.d/NAME.conf alone.")
        boolean noPersist;

        @Override
        public Integer call() {
            String entry = name.checked();
            BinfmtMisc misc = new BinfmtMisc(BinfmtMisc.DIR);
            boolean removed = false;
            if (misc.mounted() && misc.entry(entry).isPresent()) {
                if (!isRoot()) {
                    throw new JrunException(ExitCode.SYSTEM, "cannot remove the binfmt_misc entry '" + entry
                            + "': not root; run: sudo " + Optional.ofNullable(System.getenv("JRUN_FRONT_END")).orElse("jrun")
                            + " binfmt unregister" + nameArg(entry));
                }
                misc.remove(entry);
                System.out.println("jrun: removed the binfmt_misc entry " + entry);
                removed = true;
            }
            Path conf = CONF_DIR.resolve(entry + ".conf");
            if (!noPersist && isOurConf(conf)) {
                try {
                    Files.delete(conf);
                    System.out.println("jrun: removed " + conf);
                    removed = true;
                } catch (IOException e) {
                    throw new JrunException(ExitCode.SYSTEM, "cannot remove " + conf + ": " + e.getMessage()
                            + "; remove it as root");
                }
            }
            if (!removed && !quietIfAbsent) {
                System.out.println("jrun: binfmt_misc has no entry " + entry + "; nothing to remove");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            header = "Shows whether ./script.java runs with jrun, and why not.",
            description = {"Shows whether ./script.java runs with jrun: binfmt_misc mounted and enabled, the entry, "
                    + "its interpreter and flags, and whether the interpreter still exists. Exit status 0 if it "
                    + "does, 1 if not."})
    static final class Status implements Callable<Integer> {
        @Mixin
        NameOption name;

        @Override
        public Integer call() {
            String entry = name.checked();
            BinfmtMisc misc = new BinfmtMisc(BinfmtMisc.DIR);
            PrintStream out = System.out;
            if (!misc.mounted()) {
                out.println("binfmt_misc:  not mounted at " + misc.dir() + " (jrun binfmt register mounts it)");
                out.println("entry:        none; to run ./script.java directly, run as root: jrun binfmt register");
                return 1;
            }
            boolean enabled = misc.enabled();
            out.println("binfmt_misc:  mounted at " + misc.dir() + ", " + (enabled ? "enabled" : "disabled (as root: echo 1 > "
                    + misc.dir().resolve("status") + ")"));
            Optional<BinfmtEntry> e = misc.entry(entry);
            boolean ok = enabled;
            if (e.isEmpty()) {
                out.println("entry:        no entry " + entry + "; to run ./script.java directly, run as root: jrun binfmt register");
                ok = false;
            } else {
                BinfmtEntry b = e.get();
                out.println("entry:        " + entry + ", " + (b.enabled() ? "enabled" : "disabled") + ", "
                        + (b.extension() != null ? "extension " + b.extension() : "magic"));
                boolean exists = Files.isExecutable(Path.of(b.interpreter()));
                out.println("interpreter:  " + b.interpreter() + (exists ? " (exists)" : " (MISSING: run jrun binfmt register again)"));
                out.println("flags:        " + (b.flags().isEmpty() ? "none" : b.flags()));
                ok &= b.enabled() && exists && b.matchesExtension(EXTENSION);
            }
            for (BinfmtEntry other : misc.entries()) {
                if (!other.name().equals(entry) && other.matchesExtension(EXTENSION)) {
                    out.println("other entry:  " + other.describe() + (e.isPresent() ? "" : " runs .java files instead"));
                }
            }
            String boot = "none (entry lasts until reboot)";
            for (Path dir : concat(CONF_DIR, OTHER_CONF_DIRS)) {
                if (Files.isRegularFile(dir.resolve(entry + ".conf"))) {
                    boot = dir.resolve(entry + ".conf").toString();
                    break;
                }
            }
            out.println("at boot:      " + boot);
            return ok ? 0 : 1;
        }
    }

    /** {@code :NAME:E::java::INTERPRETER:F}, the line for the register file and for binfmt.d. */
    static String line(String name, String interpreter) {
        return ":" + name + ":E::" + EXTENSION + "::" + interpreter + ":" + FLAGS;
    }

    /** The --name option for a command to suggest, if it is not the default. */
    static String nameArg(String name) {
        return name.equals("jrun") ? "" : " --name " + name;
    }

    /** The absolute path of the jrun command to register, checked. */
    static String interpreter(Path given) {
        Path p = given;
        if (p == null) {
            String self = System.getenv("JRUN_FRONT_END");
            if (self == null || self.isEmpty()) {
                throw new JrunException(ExitCode.USAGE, "cannot tell where the jrun command is (JRUN_FRONT_END is not set);"
                        + " pass --interpreter /path/to/bin/jrun");
            }
            p = Path.of(self);
        }
        p = p.toAbsolutePath().normalize();
        String s = p.toString();
        if (s.contains(":") || s.contains("\n")) {
            throw new JrunException(ExitCode.SYSTEM, "binfmt_misc cannot take the interpreter path " + s
                    + " (it contains ':'); install jrun elsewhere (./install --prefix DIR)");
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new JrunException(ExitCode.SYSTEM, "the interpreter " + s + " is not an executable file;"
                    + " pass the installed jrun command with --interpreter");
        }
        return s;
    }

    /** Is this file a jrun front end (the sh script ./install and the package install)? */
    static boolean isJrun(String interpreter) {
        try (var in = Files.newInputStream(Path.of(interpreter))) {
            String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            return head.startsWith("#!") && head.contains("\n# jrun: ") && head.contains("\nJRUN_HOME=");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean isRoot() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    return l.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean isOurConf(Path conf) {
        try {
            return Files.isRegularFile(conf) && Files.readString(conf).contains(CONF_MARK);
        } catch (IOException e) {
            return false;
        }
    }

    static void writeConf(Path conf, String line) throws IOException {
        Files.createDirectories(conf.getParent());
        Path tmp = conf.resolveSibling("." + conf.getFileName() + ".tmp");
        Files.writeString(tmp, CONF_MARK + "; 'jrun binfmt unregister' removes it.\n"
                + "# Runs .java files with jrun (systemd-binfmt format: :name:type:offset:magic:mask:interpreter:flags).\n"
                + line + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> concat(Path first, List<Path> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
