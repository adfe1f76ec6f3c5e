package dev.jrun.plan;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the installed JDKs and picks one for a script. The default JDK is the one
 * {@code jrun jdk default} set (see {@link OwnJdks}), else JAVA_HOME's, else the one whose java is
 * first on PATH; then come those named in {@code JRUN_JDKS} (homes separated by colons),
 * {@code /usr/lib/jvm/*}, {@code /usr/java/*}, {@code /opt/java/*}, SDKMAN's and IntelliJ's JDKs, and
 * those jrun installed ({@code jrun jdk install}). Only JDKs (with javac) of release 17 or newer can
 * run scripts.
 */
public final class JdkFinder {
    /** jrun's own code needs this release; scripts run on it or newer. */
    public static final int MINIMUM = 17;

    private final Map<String, String> env;
    private final OwnJdks own;

    public JdkFinder(Map<String, String> env) {
        this.env = env;
        this.own = OwnJdks.of(env);
    }

    /** Where jrun's own JDKs and the default's setting are. */
    public OwnJdks own() {
        return own;
    }

    public static JdkFinder fromEnvironment() {
        return new JdkFinder(Environment.current().vars());
    }

    /** Every JDK found, the default first, each once. */
    public List<Jdk> all() {
        Map<Path, Jdk> found = new LinkedHashMap<>();
        for (Path home : candidates()) {
            read(home).ifPresent(jdk -> found.putIfAbsent(jdk.home(), jdk));
        }
        return new ArrayList<>(found.values());
    }

    /** The JDK that {@code jrun jdk default} set, if it names one. */
    public Optional<Jdk> configuredDefault() {
        return own.configuredDefault().flatMap(JdkFinder::read);
    }

    /** The default JDK: {@code jrun jdk default}'s, else the one JAVA_HOME or PATH names, if it is one. */
    public Optional<Jdk> defaultJdk() {
        List<Path> first = new ArrayList<>();
        own.configuredDefault().ifPresent(first::add);
        addEnvHome(first);
        addPathJava(first);
        return first.stream().map(JdkFinder::read).flatMap(Optional::stream).findFirst();
    }

    /** Is the default JDK the one PATH names, neither jrun jdk default nor JAVA_HOME naming a JDK? */
    public boolean defaultFromPath() {
        String javaHome = env.get("JAVA_HOME");
        return configuredDefault().isEmpty()
                && (javaHome == null || javaHome.isBlank() || read(Path.of(javaHome)).isEmpty());
    }

    /** What made the default JDK the default: "jrun jdk default", "JAVA_HOME" or "PATH". */
    public String defaultSource() {
        if (configuredDefault().isPresent()) {
            return "jrun jdk default";
        }
        return defaultFromPath() ? "PATH" : "JAVA_HOME";
    }

    /** The first java on PATH, its links resolved; null if there is none. */
    public Path firstJavaOnPath() {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path java = dir.isEmpty() ? null : Path.of(dir, "java");
            if (java != null && Files.isExecutable(java)) {
                try {
                    return java.toRealPath();
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The JDK to run a script on: the default one if it satisfies {@code req} (or there is no
     * requirement), else the newest that does.
     *
     * @param req   what the script or --java asks for, or null
     * @param where {@code hello.java:2: //JAVA 21+} or {@code --java 21}, for the error message
     */
    public Jdk select(JavaRequirement req, String where) {
        List<Jdk> all = all();
        List<Jdk> usable = all.stream().filter(j -> j.major() >= MINIMUM).toList();
        Optional<Jdk> dflt = defaultJdk().filter(j -> j.major() >= MINIMUM);
        if (req == null) {
            if (dflt.isPresent()) {
                return dflt.get();
            }
            if (!usable.isEmpty()) {
                return usable.stream().max((a, b) -> Integer.compare(a.major(), b.major())).get();
            }
            throw noJdk("no JDK " + MINIMUM + " or newer is installed", all);
        }
        if (req.version() < MINIMUM && !req.orNewer()) {
            throw new JrunException(ExitCode.NO_JDK, where + ": jrun runs scripts on JDK " + MINIMUM
                    + " or newer; write //JAVA " + MINIMUM + "+ (or --java " + MINIMUM + "+) if the script runs there");
        }
        if (dflt.isPresent() && req.accepts(dflt.get().major())) {
            return dflt.get();
        }
        return usable.stream().filter(j -> req.accepts(j.major()))
                .max((a, b) -> Integer.compare(a.major(), b.major()))
                .orElseThrow(() -> new MissingJdk(noJdk(where + " needs JDK " + req.version()
                        + (req.orNewer() ? " or newer" : "") + ", and none is installed", all, req.version()).getMessage(),
                        req.version()));
    }

    /** The message's last part names the command that installs JDK {@code install}. */
    private static JrunException noJdk(String what, List<Jdk> all) {
        return noJdk(what, all, MINIMUM);
    }

    private static JrunException noJdk(String what, List<Jdk> all, int install) {
        StringBuilder msg = new StringBuilder(what).append("; found: ");
        if (all.isEmpty()) {
            msg.append("none");
        }
        for (int i = 0; i < all.size(); i++) {
            msg.append(i == 0 ? "" : ", ").append(all.get(i).major()).append(" at ").append(all.get(i).home());
        }
        msg.append(". Install it with: jrun jdk install ").append(install)
                .append(" (or point JAVA_HOME or JRUN_JDKS at one)");
        return new JrunException(ExitCode.NO_JDK, msg.toString());
    }

    private List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        own.configuredDefault().ifPresent(homes::add);
        addEnvHome(homes);
        addPathJava(homes);
        String extra = env.get("JRUN_JDKS");
        if (extra != null) {
            for (String h : extra.split(":")) {
                if (!h.isBlank()) {
                    homes.add(Path.of(h));
                }
            }
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        for (String dir : List.of("/usr/lib/jvm", "/usr/java", "/opt/java",
                home + "/.sdkman/candidates/java", home + "/.jdks")) {
            addChildren(Path.of(dir), homes);
        }
        addChildren(own.dir(), homes);
        return homes;
    }

    private void addEnvHome(List<Path> homes) {
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
    }

    private void addPathJava(List<Path> homes) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path java = Path.of(dir, "java");
            if (Files.isExecutable(java)) {
                try {
                    Path real = java.toRealPath();
                    Path bin = real.getParent();
                    if (bin != null && bin.getParent() != null) {
                        homes.add(bin.getParent());
                    }
                } catch (IOException e) {
                    // a dangling link: not a JDK
                }
                return;
            }
        }
    }

    private static void addChildren(Path dir, List<Path> homes) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            return;
        }
        children.sort(null);
        homes.addAll(children);
    }

    /** The JDK at {@code home}: it has bin/java, bin/javac and a release file naming its version. */
    public static Optional<Jdk> read(Path home) {
        try {
            Path real = home.toRealPath();
            if (!Files.isExecutable(real.resolve("bin/java")) || !Files.isExecutable(real.resolve("bin/javac"))) {
                return Optional.empty();
            }
            String release = Files.readString(real.resolve("release"));
            String version = release.lines()
                    .filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "").strip())
                    .findFirst().orElse(null);
            if (version == null) {
                return Optional.empty();
            }
            return Optional.of(new Jdk(real, major(version), version, release));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static int major(String version) {
        String[] parts = version.split("[^0-9]+");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }
}
