package dev.jrun.secure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a script and its //SOURCES in this JVM with javax.tools, as the builder does (the text jrun
 * reads, a {@code #!} line blanked, any file name), and turns javac's warnings into findings.
 */
final class ScriptCompile {

    /** The result: warnings as findings, and the errors (none: it compiled). */
    record Result(List<Finding> warnings, List<Finding> errors) {
    }

    static Result compile(CheckRequest req) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(req.classes().toFile()));
            files.setLocation(StandardLocation.CLASS_PATH, req.classpath().stream().map(Path::toFile).toList());
            List<JavaFileObject> units = new ArrayList<>();
            for (int i = 0; i < req.units().size(); i++) {
                units.add(new Unit(req.units().get(i), req.names().get(i)));
            }
            boolean ok = javac.getTask(null, files, diags, req.options(), null, units).call();
            if (!ok && diags.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                throw new IOException("javac failed on " + req.names().get(0) + " without saying why");
            }
        }
        List<Finding> warnings = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            String file = d.getSource() == null ? req.names().get(0) : d.getSource().getName();
            int line = d.getLineNumber() > 0 ? (int) d.getLineNumber() : 0;
            String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(new Finding(file, line, "error", message));
            } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                // javac's public API does not name the lint category; its diagnostic code names the warning
                String kind = "javac:" + (d.getCode() == null ? "warning" : d.getCode().replaceFirst("^compiler\\.(warn|mandatory\\.warn(ing)?)\\.", ""));
                warnings.add(new Finding(file, line, kind, message));
            }
        }
        return new Result(warnings, errors);
    }

    /** A unit as jrun reads it: its text with a {@code #!} line blanked, named as the user named it. */
    private static final class Unit extends SimpleJavaFileObject {
        private final String name;
        private final String text;

        Unit(Path file, String name) {
            super(URI.create("file://" + file.toAbsolutePath().toUri().getRawPath()), Kind.SOURCE);
            this.name = name;
            this.text = dev.jrun.script.Script.read(file, name).text();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            if (simpleName.equals("package-info") || simpleName.equals("module-info")) {
                return toUri().getPath().endsWith("/" + simpleName + ".java");
            }
            return kind == Kind.SOURCE;
        }
    }
}
