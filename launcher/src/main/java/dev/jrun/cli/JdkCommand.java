package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Json;
import dev.jrun.jdk.DefaultJdk;
import dev.jrun.jdk.Disco;
import dev.jrun.jdk.JdkInstaller;
import dev.jrun.plan.Jdk;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.OwnJdks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun jdk list|install|uninstall|default}: the JDKs jrun runs scripts on, and those it installs. */
@Command(name = "jdk", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Lists, installs and removes JDKs, and sets the default one.",
        description = {"Lists the JDKs jrun finds (with no subcommand, as jdk list does), installs Temurin JDKs "
                + "from the foojay Disco API into $XDG_DATA_HOME/jrun/jdks (else ~/.local/share/jrun/jdks), "
                + "removes those, and sets the default JDK, which runs scripts that ask for no version."},
        subcommands = {JdkCommand.ListJdks.class, JdkCommand.Install.class, JdkCommand.Uninstall.class,
            JdkCommand.Default.class})
public final class JdkCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON: a list of {version, major, home, default, usable, jrun}.")
    boolean json;

    /** A word that is no subcommand: said so in one line, with the nearest one. */
    @Parameters(arity = "0..*", hidden = true)
    List<String> rest;

    @Override
    public Integer call() {
        if (rest != null && !rest.isEmpty()) {
            String word = rest.get(0);
            List<String> commands = List.of("list", "install", "uninstall", "default");
            throw Main.usage("jdk " + word + ": not a jdk command" + dev.jrun.Similar.closest(word, commands)
                    .map(c -> "; did you mean jrun jdk " + c + "?").orElse("; jrun jdk has list, install N, uninstall N"
                            + " and default [N]"));
        }
        return print(json);
    }

    /** The listing {@code jrun jdks} and {@code jrun jdk list} print. */
    static int print(boolean json) {
        JdkFinder finder = JdkFinder.fromEnvironment();
        List<Jdk> all = finder.all();
        Optional<Jdk> dflt = finder.defaultJdk();
        String why = finder.defaultSource();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Jdk j : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", j.version());
                m.put("major", j.major());
                m.put("home", j.home().toString());
                m.put("default", dflt.isPresent() && dflt.get().home().equals(j.home()));
                m.put("usable", j.major() >= JdkFinder.MINIMUM);
                m.put("jrun", finder.own().owns(j.home()));
                out.add(m);
            }
            System.out.print(Json.write(out));
            return 0;
        }
        if (all.isEmpty()) {
            System.out.println("no JDK found; install one (jrun jdk install 21) or point JAVA_HOME or JRUN_JDKS at one");
            return 0;
        }
        int width = all.stream().mapToInt(j -> j.version().length()).max().orElse(0);
        for (Jdk j : all) {
            boolean isDefault = dflt.isPresent() && dflt.get().home().equals(j.home());
            List<String> notes = new ArrayList<>();
            if (isDefault) {
                notes.add("default, from " + why);
            }
            if (finder.own().owns(j.home())) {
                notes.add("installed by jrun");
            }
            if (j.major() < JdkFinder.MINIMUM) {
                notes.add("too old: scripts need " + JdkFinder.MINIMUM + " or newer");
            }
            System.out.printf("%s %-" + width + "s  %s%s%n", isDefault ? "*" : " ", j.version(), j.home(),
                    notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")");
        }
        return 0;
    }

    static int release(String text, String command) {
        if (!text.matches("[1-9][0-9]{0,2}")) {
            throw Main.usage(command + " " + text + ": not a Java feature release; write jrun " + command + " 21");
        }
        return Integer.parseInt(text);
    }

    /** Installs JDK {@code major} (the terminal's progress on stderr), saying so on stderr. */
    static Jdk install(int major) {
        Environment env = Environment.current();
        JdkFinder finder = new JdkFinder(env.vars());
        JdkInstaller installer = new JdkInstaller(finder.own(), Disco.of(env.vars()), System.err,
                "1".equals(env.get("JRUN_PROGRESS")));
        JdkInstaller.Installed done = installer.install(major);
        System.err.println("jrun: " + (done.fresh() ? "installed" : "already installed:") + " JDK "
                + done.jdk().version() + " at " + done.jdk().home());
        return done.jdk();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Lists the JDKs jrun finds; * marks the default.",
            description = {"Lists the JDKs jrun finds, their versions and homes; * marks the default. jrun looks at "
                + "the default set by jrun jdk default, JAVA_HOME, the java on PATH, JRUN_JDKS, /usr/lib/jvm, "
                + "/usr/java, /opt/java, SDKMAN's and IntelliJ's JDKs, and those jrun jdk install put in place."})
    static final class ListJdks implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON: a list of {version, major, home, default, usable, jrun}.")
        boolean json;

        @Override
        public Integer call() {
            return print(json);
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Downloads Temurin JDK N, checks it and installs it for jrun.",
            description = {"Downloads the newest Temurin JDK N through the foojay Disco API (JRUN_DISCO_URL, default "
                + Disco.DEFAULT_URL + "), checks its SHA-256 and unpacks it into $XDG_DATA_HOME/jrun/jdks/N (else "
                + "~/.local/share/jrun/jdks/N). //JAVA N and --java N then find it."})
    static final class Install implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "N", description = "The feature release: 21")
        String version;

        /** JBang's jdk install N PATH links a JDK one has: jrun finds those through JRUN_JDKS. */
        @Parameters(index = "1", arity = "0..1", hidden = true)
        String path;

        @Override
        public Integer call() {
            if (path != null) {
                throw Main.usage("jdk install " + version + " " + path + ": jrun links no JDKs of yours (JBang's jdk"
                        + " install N PATH); point JRUN_JDKS at it (JRUN_JDKS=" + path + "), or set it as the default"
                        + " with jrun jdk default " + version + " once jrun finds it");
            }
            install(release(version, "jdk install"));
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Removes the JDK N jrun installed.",
            description = {"Removes the JDK N that jrun jdk install put in place (never another one)."})
    static final class Uninstall implements Callable<Integer> {
        @Parameters(paramLabel = "N", description = "The feature release: 21")
        String version;

        @Override
        public Integer call() {
            int major = release(version, "jdk uninstall");
            Environment env = Environment.current();
            JdkFinder finder = new JdkFinder(env.vars());
            OwnJdks own = finder.own();
            Optional<Jdk> dflt = finder.configuredDefault();
            Optional<Jdk> mine = JdkFinder.read(own.home(major));
            JdkInstaller installer = new JdkInstaller(own, Disco.of(env.vars()), System.err, false);
            if (!installer.uninstall(major)) {
                String others = finder.all().stream().filter(j -> j.major() == major).map(j -> j.home().toString())
                        .reduce((a, b) -> a + ", " + b).map(h -> " (JDK " + major + " at " + h + " is not jrun's: remove it"
                                + " with the tool that installed it)").orElse("");
                throw new JrunException(ExitCode.USAGE, "jdk uninstall " + major + ": jrun installed no JDK " + major
                        + " in " + own.dir() + others + "; jrun jdk list shows the JDKs");
            }
            if (dflt.isPresent() && mine.isPresent() && dflt.get().home().equals(mine.get().home())) {
                DefaultJdk.clear(own);
                System.err.println("jrun: it was the default JDK; the default is JAVA_HOME's or PATH's again");
            }
            System.err.println("jrun: removed JDK " + major + " from " + own.home(major));
            return 0;
        }
    }

    @Command(name = "default", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Sets (or prints) the default JDK.",
            description = {"Sets the default JDK, which runs scripts that ask for no version (no //JAVA or --java, or "
                + "one it satisfies): jrun's own JDK N if jrun installed one, else the first JDK N jrun finds. It is "
                + "kept in $XDG_CONFIG_HOME/jrun/default-jdk (else ~/.config/jrun/default-jdk) and wins over "
                + "JAVA_HOME and PATH. With no N, prints the default JDK; --unset forgets the setting."})
    static final class Default implements Callable<Integer> {
        @Parameters(paramLabel = "N", arity = "0..1", description = "The feature release: 21")
        String version;

        @Option(names = "--unset", description = "Forget the setting: the default is JAVA_HOME's, else PATH's, again.")
        boolean unset;

        @Override
        public Integer call() {
            Environment env = Environment.current();
            JdkFinder finder = new JdkFinder(env.vars());
            if (unset) {
                if (version != null) {
                    throw Main.usage("jdk default: give N or --unset, not both");
                }
                boolean had = DefaultJdk.clear(finder.own());
                System.err.println("jrun: " + (had ? "default JDK setting removed" : "no default JDK was set")
                        + "; the default is JAVA_HOME's, else PATH's");
                return 0;
            }
            if (version == null) {
                Optional<Jdk> d = finder.defaultJdk();
                if (d.isEmpty()) {
                    System.out.println("no default JDK; set one with jrun jdk default N");
                } else {
                    System.out.println(d.get().version() + " " + d.get().home() + "  (from " + finder.defaultSource() + ")");
                }
                return 0;
            }
            int major = release(version, "jdk default");
            if (major < JdkFinder.MINIMUM) {
                throw Main.usage("jdk default " + major + ": jrun runs scripts on JDK " + JdkFinder.MINIMUM
                        + " or newer; name one of those");
            }
            Optional<Jdk> chosen = JdkFinder.read(finder.own().home(major));
            if (chosen.isEmpty()) {
                chosen = finder.all().stream().filter(j -> j.major() == major).findFirst();
            }
            Jdk jdk = chosen.orElseThrow(() -> new JrunException(ExitCode.NO_JDK, "jdk default " + major
                    + ": no JDK " + major + " is installed; install it with: jrun jdk install " + major));
            DefaultJdk.set(finder.own(), jdk.home());
            System.err.println("jrun: the default JDK is now " + jdk.version() + " at " + jdk.home());
            return 0;
        }
    }
}
