package dev.jrun.secure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the analyser JVM ({@link AnalyserMain}) is asked to do, as a file of {@code key value} lines:
 * compile these units with these options and class path into {@code classes}, and, if {@code analyse},
 * run SpotBugs with Find Security Bugs on the result.
 *
 * @param units     the script and its //SOURCES
 * @param names     their names in messages
 * @param classpath the script's dependency jars
 * @param options   javac options
 * @param classes   where the classes go
 * @param plugin    the Find Security Bugs jar, or null to compile only
 */
record CheckRequest(List<Path> units, List<String> names, List<Path> classpath, List<String> options, Path classes,
        Path plugin) {

    void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            s.append("unit ").append(units.get(i)).append('\n').append("name ").append(names.get(i)).append('\n');
        }
        classpath.forEach(p -> s.append("cp ").append(p).append('\n'));
        options.forEach(o -> s.append("option ").append(o).append('\n'));
        s.append("classes ").append(classes).append('\n');
        if (plugin != null) {
            s.append("plugin ").append(plugin).append('\n');
        }
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }

    static CheckRequest read(Path file) throws IOException {
        List<Path> units = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> cp = new ArrayList<>();
        List<String> options = new ArrayList<>();
        Path classes = null;
        Path plugin = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int sp = line.indexOf(' ');
            String key = line.substring(0, sp);
            String value = line.substring(sp + 1);
            switch (key) {
                case "unit" -> units.add(Path.of(value));
                case "name" -> names.add(value);
                case "cp" -> cp.add(Path.of(value));
                case "option" -> options.add(value);
                case "classes" -> classes = Path.of(value);
                case "plugin" -> plugin = Path.of(value);
                default -> throw new IOException(file + ": unknown line " + line);
            }
        }
        return new CheckRequest(units, names, cp, options, classes, plugin);
    }
}
