package dev.jrun.catalog;

import java.util.List;
import java.util.Map;

/**
 * One alias of a {@code jbang-catalog.json}, as written there ({@code script-ref} relative to its
 * catalog, maybe another alias's name), with the catalog it came from.
 *
 * @param scriptRef    a script's path or URL, Maven coordinates, or another alias (NAME, NAME@CATALOG)
 * @param arguments    put before the user's arguments
 * @param javaOptions  JVM options, as -R gives them
 * @param dependencies as --deps gives them
 * @param repositories as --repos gives them
 * @param properties   system properties, as -D gives them
 * @param java         the JDK version, as --java gives it (null: none)
 * @param main         the main class, as --main gives it (null: none)
 * @param sources      more source files, as -s gives them (relative to the catalog's base)
 * @param files        resources, as --files gives them ([TARGET=]FILE, the file relative to the catalog's base)
 * @param classpaths   class path entries, as --cp gives them (relative to the catalog's base)
 * @param compileOptions javac options, as -C gives them
 */
public record Alias(String name, String scriptRef, String description, List<String> arguments, List<String> javaOptions,
        List<String> dependencies, List<String> repositories, Map<String, String> properties, String java, String main,
        List<String> sources, List<String> files, List<String> classpaths, List<String> compileOptions, Catalog catalog) {

    public Alias {
        arguments = List.copyOf(arguments);
        javaOptions = List.copyOf(javaOptions);
        dependencies = List.copyOf(dependencies);
        repositories = List.copyOf(repositories);
        properties = Map.copyOf(properties);
        sources = List.copyOf(sources);
        files = List.copyOf(files);
        classpaths = List.copyOf(classpaths);
        compileOptions = List.copyOf(compileOptions);
    }
}
