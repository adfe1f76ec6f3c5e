package dev.jrun.compile;

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
 * What to compile, in a form that can be handed to a compiler JVM of another JDK.
 *
 * @param units     the files: the script first, then its //SOURCES
 * @param names     their names in messages, in the same order
 * @param classpath the dependency jars
 * @param options   javac options
 * @param classes   where the class files go
 * @param main      //MAIN, or null to take the script's first top-level class
 */
public record CompileRequest(List<Path> units, List<String> names, List<Path> classpath, List<String> options,
        Path classes, String main) {

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        putList(p, "unit", units.stream().map(Path::toString).toList());
        putList(p, "name", names);
        putList(p, "cp", classpath.stream().map(Path::toString).toList());
        putList(p, "opt", options);
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
        return new CompileRequest(getList(p, "unit").stream().map(Path::of).toList(), getList(p, "name"),
                getList(p, "cp").stream().map(Path::of).toList(), getList(p, "opt"),
                Path.of(p.getProperty("classes")), p.getProperty("main"));
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
