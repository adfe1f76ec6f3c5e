package dev.jrun.catalog;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
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
        List<String> sources, List<String> files, List<String> classpaths, List<String> compileOptions,
        Catalog catalog, List<String> chain) {

    /**
     * The run's options that stand for this alias, as jrun's command line takes them: {@code --java},
     * {@code --main}, {@code -D}, {@code -R} (a java-options entry of several options, "-Xms1g -Xmx2g",
     * is split before each further '-'), {@code --deps}, {@code --repos}, {@code -C}, and (of a local
     * catalog; paths made absolute against its base) {@code -s}, {@code --files}, {@code --cp}.
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
        for (String c : compileOptions) {
            out.add("-C");
            out.add(c);
        }
        for (String f : sources) {
            out.add("-s");
            out.add(local(f, "sources"));
        }
        for (String f : files) {
            int eq = f.indexOf('=');
            out.add("--files");
            out.add(eq < 0 ? local(f, "files") : f.substring(0, eq + 1) + local(f.substring(eq + 1), "files"));
        }
        for (String cp : classpaths) {
            List<String> parts = new ArrayList<>();
            for (String p : cp.split(":")) {
                if (!p.isEmpty()) {
                    parts.add(local(p, "classpaths"));
                }
            }
            out.add("--cp");
            out.add(String.join(":", parts));
        }
        return out;
    }

    /** A file an alias names, relative to its catalog's base; a remote catalog's cannot be one. */
    private String local(String file, String field) {
        String f = catalog.resolve(file);
        if (f.startsWith("https://") || f.startsWith("http://")) {
            throw new JrunException(ExitCode.USAGE, String.join(" -> ", chain) + ": the alias's " + field + " (" + file
                    + ") are files of a remote catalog, which jrun does not fetch; run the script by its URL with "
                    + "//SOURCES or //FILES in it instead");
        }
        return f;
    }
}
