package dev.jrun.cli;

import dev.jrun.Json;
import dev.jrun.secure.Advisories;
import dev.jrun.secure.Outdated;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun outdated SCRIPT...}: each //DEPS, its version, and the newest patch, minor and major versions. */
@Command(name = "outdated", mixinStandardHelpOptions = true,
        header = "Lists each //DEPS with the newest patch, minor and major versions its repositories have.",
        description = {"For each //DEPS with a fixed version (BOMs included), asks the script's repositories",
            "(through settings.xml's mirrors) which versions exist. With --advisories, versions that an",
            "advisory affects are marked with '!', and the nearest version none affects is named."},
        footerHeading = "%n", footer = {"Exit status: 0, or 2 usage, 3 script unusable, 6 dependency error."})
public final class OutdatedCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--offline", description = "Ask no repository: list the versions the local repository knows.")
    boolean offline;

    @Option(names = "--advisories", paramLabel = "DIR", description = "A directory of OSV advisories (JSON files).")
    Path advisories;

    @Option(names = "--verbose", description = "Show stack traces with errors.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "SCRIPT", description = "The .java files to look at.")
    List<String> scripts = new ArrayList<>();

    @Override
    public Integer call() {
        Advisories adv = advisories == null ? Advisories.NONE : Advisories.read(advisories);
        List<Outdated.Row> rows = new ArrayList<>();
        for (String s : scripts) {
            rows.addAll(Outdated.of(s, offline, adv));
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dependencies", Outdated.json(rows, adv));
            System.out.print(Json.write(out));
        } else {
            System.out.print(Outdated.table(rows, adv));
        }
        return 0;
    }
}
