package dev.jrun.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alias followed to its script: {@code script} is an absolute path, a URL or Maven coordinates;
 * the rest is what the run gets (an alias of an alias: the outer one's, where it gives any).
 *
 * @param chain the aliases followed, as named ({@code hello}, {@code hello@tools}), outermost first
 */
public record Resolved(String script, String description, List<String> arguments, List<String> javaOptions,
        List<String> dependencies, List<String> repositories, Map<String, String> properties, String java, String main,
        Catalog catalog, List<String> chain) {

    /**
     * The run's options that stand for this alias, as jrun's command line takes them: {@code --java},
     * {@code --main}, {@code -D}, {@code -R} (a java-options entry of several options, "-Xms1g -Xmx2g",
     * is split before each further '-'), {@code --deps}, {@code --repos}.
     */
    public List<String> options() {
        List<String> out = new ArrayList<>();
        if (java != null) {
            out.add("--java");
            out.add(java);
        }
        if (main != null) {
            out.add("--main");
            out.add(main);
        }
        properties.forEach((k, v) -> out.add("-D" + k + "=" + v));
        for (String o : javaOptions) {
            for (String one : o.strip().split("\\s+(?=-)")) {
                if (!one.isEmpty()) {
                    out.add("-R");
                    out.add(one);
                }
            }
        }
        for (String d : dependencies) {
            out.add("--deps");
            out.add(d);
        }
        for (String r : repositories) {
            out.add("--repos");
            out.add(r);
        }
        return out;
    }
}
