package dev.jrun.secure;

import dev.jrun.ExitCode;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyser JVM, started by {@code jrun check} (and {@code jrun update}) on the script's own JDK
 * with SpotBugs and Find Security Bugs on its class path: compiles the script in-process with all
 * lint warnings, then runs SpotBugs on the classes, and prints every finding as
 * {@code file:line: rule: message}. Exit status: 0 clean, 1 findings, 4 compile errors.
 * Argument: the request file ({@link CheckRequest}).
 */
public final class AnalyserMain {
    private AnalyserMain() {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Exception | LinkageError e) {
            System.err.println("jrun: error: the analyser failed: " + e + "; run 'jrun check --verbose' and report it");
            if (args.length > 1) {
                e.printStackTrace();
            }
            System.exit(ExitCode.INTERNAL);
        }
    }

    private static void run(Path requestFile) throws Exception {
        CheckRequest req = CheckRequest.read(requestFile);
        ScriptCompile.Result compiled = ScriptCompile.compile(req);
        if (!compiled.errors().isEmpty()) {
            compiled.errors().forEach(System.err::println);
            System.exit(ExitCode.COMPILE);
        }
        List<Finding> findings = new ArrayList<>(compiled.warnings());
        if (req.plugin() != null) {
            findings.addAll(spotBugs(req, requestFile.resolveSibling("spotbugs.xml")));
        }
        Map<String, List<String>> lines = new HashMap<>();
        for (int i = 0; i < req.units().size(); i++) {
            lines.put(req.names().get(i), Script.read(req.units().get(i), req.names().get(i)).lines());
        }
        List<String> order = req.names();
        findings.removeIf(f -> Suppressions.suppressed(f, lines));
        findings.sort(Comparator.<Finding>comparingInt(f -> order.indexOf(f.file())).thenComparingInt(Finding::line)
                .thenComparing(Finding::rule));
        StringBuilder out = new StringBuilder();
        findings.forEach(f -> out.append(f).append('\n'));
        System.out.print(out);
        System.out.flush();
        System.exit(findings.isEmpty() ? 0 : 1);
    }

    private static List<Finding> spotBugs(CheckRequest req, Path xml) throws IOException, ReflectiveOperationException {
        Path filters = xml.resolveSibling("filters");
        Files.createDirectories(filters);
        Path include = copy("include.xml", filters);
        Path exclude = copy("exclude.xml", filters);
        List<String> args = new ArrayList<>(List.of("-quiet", "-medium", "-effort:default",
                "-pluginList", req.plugin().toString(), "-include", include.toString(), "-exclude", exclude.toString(),
                "-xml:withMessages", "-output", xml.toString()));
        if (!req.classpath().isEmpty()) {
            StringBuilder aux = new StringBuilder();
            req.classpath().forEach(p -> aux.append(aux.length() == 0 ? "" : ":").append(p));
            args.addAll(List.of("-auxclasspath", aux.toString()));
        }
        args.add(req.classes().toString());
        try {
            Class.forName("edu.umd.cs.findbugs.FindBugs2").getMethod("main", String[].class)
                    .invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw new IOException("SpotBugs failed: " + e.getCause(), e.getCause());
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < req.units().size(); i++) {
            names.putIfAbsent(req.units().get(i).getFileName().toString(), req.names().get(i));
        }
        try (InputStream in = Files.newInputStream(xml)) {
            return SpotBugsReport.read(in, names);
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = AnalyserMain.class.getResourceAsStream(resource)) {
            Path p = dir.resolve(resource);
            Files.writeString(p, new String(in.readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            return p;
        }
    }
}
