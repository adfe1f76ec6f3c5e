package dev.jrun.cli;

import dev.jrun.Json;
import dev.jrun.plan.Jdk;
import dev.jrun.plan.JdkFinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jrun jdks}: the JDKs jrun can run scripts on. */
@Command(name = "jdks", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Lists the JDKs jrun found; * marks the default.",
        description = {"Lists the JDKs jrun found, their versions and homes; * marks the default, which runs "
                + "scripts that ask for no version (//JAVA, --java). jrun looks at JAVA_HOME, the java on "
                + "PATH, /usr/lib/jvm, /usr/java, /opt/java, SDKMAN's and IntelliJ's JDKs, and JRUN_JDKS."})
public final class JdksCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON: a list of {version, major, home, default, usable}.")
    boolean json;

    @Override
    public Integer call() {
        JdkFinder finder = JdkFinder.fromEnvironment();
        List<Jdk> all = finder.all();
        Optional<Jdk> dflt = finder.defaultJdk();
        String why = System.getenv("JAVA_HOME") != null && dflt.isPresent()
                && JdkFinder.read(java.nio.file.Path.of(System.getenv("JAVA_HOME"))).equals(dflt) ? "JAVA_HOME" : "PATH";
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Jdk j : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", j.version());
                m.put("major", j.major());
                m.put("home", j.home().toString());
                m.put("default", dflt.isPresent() && dflt.get().home().equals(j.home()));
                m.put("usable", j.major() >= JdkFinder.MINIMUM);
                out.add(m);
            }
            System.out.print(Json.write(out));
            return 0;
        }
        if (all.isEmpty()) {
            System.out.println("no JDK found; install one (apt install openjdk-17-jdk) or point JAVA_HOME or JRUN_JDKS at one");
            return 0;
        }
        int width = all.stream().mapToInt(j -> j.version().length()).max().orElse(0);
        for (Jdk j : all) {
            boolean isDefault = dflt.isPresent() && dflt.get().home().equals(j.home());
            String note = isDefault ? "  (default, from " + why + ")"
                    : j.major() < JdkFinder.MINIMUM ? "  (too old: scripts need " + JdkFinder.MINIMUM + " or newer)" : "";
            System.out.printf("%s %-" + width + "s  %s%s%n", isDefault ? "*" : " ", j.version(), j.home(), note);
        }
        return 0;
    }
}
