package dev.jrun.compile;

import dev.jrun.script.Script;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What to compile, in a form that can be handed to a compiler JVM of another JDK. The units carry
 * their text as the planner read it, so a compiler JVM compiles the very characters that were
 * hashed, never the file as it is on disk by then.
 *
 * @param units     the script first, then its //SOURCES
 * @param classpath the dependency jars
 * @param options   javac options
 * @param classes   where the class files go
 * @param main      //MAIN, or null to take the script's first top-level class
 * @param origins   for each class path entry, where the script asks for it ({@code hello.java:3},
 *                  the //DEPS line), for messages about an annotation processor it holds
 */
public record CompileRequest(List<Script> units, List<Path> classpath, List<String> options,
        Path classes, String main, List<String> origins) {

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        putList(p, "unit.name", units.stream().map(Script::name).toList());
        putList(p, "unit.path", units.stream().map(u -> u.path().toString()).toList());
        putList(p, "unit.real", units.stream().map(u -> u.realPath().toString()).toList());
        putList(p, "unit.text", units.stream().map(Script::text).toList());
        putList(p, "unit.sha256", units.stream().map(Script::sha256).toList());
        putList(p, "cp", classpath.stream().map(Path::toString).toList());
        putList(p, "opt", options);
        putList(p, "origin", origins);
        p.setProperty("classes", classes.toString());
        if (main != null) {
            p.setProperty("main", main);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    static CompileRequest read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> names = getList(p, "unit.name");
        List<String> paths = getList(p, "unit.path");
        List<String> reals = getList(p, "unit.real");
        List<String> texts = getList(p, "unit.text");
        List<String> sums = getList(p, "unit.sha256");
        List<Script> units = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            units.add(new Script(names.get(i), Path.of(paths.get(i)), Path.of(reals.get(i)), texts.get(i),
                    texts.get(i).lines().toList(), sums.get(i)));
        }
        return new CompileRequest(units, getList(p, "cp").stream().map(Path::of).toList(), getList(p, "opt"),
                Path.of(p.getProperty("classes")), p.getProperty("main"), getList(p, "origin"));
    }

    private static void putList(Properties p, String key, List<String> values) {
        p.setProperty(key + ".n", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(key + "." + i, values.get(i));
        }
    }

    private static List<String> getList(Properties p, String key) {
        int n = Integer.parseInt(p.getProperty(key + ".n", "0"));
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(p.getProperty(key + "." + i));
        }
        return values;
    }
}
