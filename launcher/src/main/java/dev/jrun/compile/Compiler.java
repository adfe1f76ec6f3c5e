package dev.jrun.compile;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Script;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a script and its //SOURCES with the javax.tools compiler of the JVM it runs in, and
 * finds the main class the way the JDK's source launcher does: the first top-level class of the
 * script, unless //MAIN names another.
 */
public final class Compiler {
    private final PrintStream err;
    /** javac (stateless: every compile has a task and a file manager of its own), looked up once a JVM. */
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /**
     * From now on, keeps javac contexts between this JVM's compiles (a compile server's), where it
     * may ({@link KeptContexts}); says whether it does.
     */
    public static boolean keepContexts() {
        return KeptContexts.enable();
    }

    /** Forgets the javac contexts kept (an idle server gives their memory back); how many there were. */
    public static int dropKeptContexts() {
        return KeptContexts.drop();
    }

    /** How long a JVM keeps javac's contexts after its last compile. */
    public static java.time.Duration keepContextsFor() {
        return KeptContexts.KEEP_FOR;
    }

    /** @param err where javac's diagnostics go: errors, warnings and notes, as javac shows them */
    public Compiler(PrintStream err) {
        this.err = err;
    }

    /**
     * Compiles {@code req} into its class directory; returns the main class's binary name and the
     * files of the script's source root that the compile read.
     */
    public CompileResult compile(CompileRequest req) {
        JavaCompiler javac = JAVAC;
        if (javac == null) {
            throw new JrunException(ExitCode.NO_JDK, "the Java runtime at " + System.getProperty("java.home")
                    + " has no compiler (it is a JRE, not a JDK); install a JDK");
        }
        Script script = req.units().get(0);
        String name = script.name();
        boolean ownSourcePath = req.options().stream().anyMatch(o -> o.equals("-sourcepath") || o.equals("--source-path")
                || o.startsWith("--source-path="));
        Path root = ownSourcePath ? null : SourceRoot.of(script);
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>();
        if (root != null) {
            // the classes the script names and does not define: from source files under its
            // root, compiled with it (a class file on the class path does not hide them), as java does
            options.addAll(List.of("-Xprefer:source", "-implicit:class"));
        }
        options.addAll(req.options());
        Path displayDir = root == null ? null : relativeRoot(name, script.dir(), root);
        Script hint = root == null && !ownSourcePath ? script : null;
        List<SourceObject> units = req.units().stream().map(SourceObject::new).toList();
        List<File> cp = req.classpath().stream().map(p -> p.toFile()).toList();
        try {
            KeptContexts.Key key = KeptContexts.keyFor(options, req.classpath(), root, displayDir);
            if (key != null) {
                // a compile server's: with a javac context that has compiled before, if one fits
                return KeptContexts.compile(key, javac, req.classes(), cp, kept -> {
                    boolean[] started = {false};
                    try {
                        return kept.task(diags, options, units, task -> {
                            started[0] = true;
                            return run(task, kept.files, req, diags, hint, root, kept.used());
                        });
                    } catch (IllegalArgumentException e) {
                        if (started[0]) {
                            throw e;
                        }
                        throw rejected(name, e);
                    }
                });
            }
            try (StandardJavaFileManager standard = javac.getStandardFileManager(diags, Locale.getDefault(),
                    StandardCharsets.UTF_8)) {
                standard.setLocation(StandardLocation.CLASS_OUTPUT, List.of(req.classes().toFile()));
                standard.setLocation(StandardLocation.CLASS_PATH, cp);
                if (root != null) {
                    standard.setLocation(StandardLocation.SOURCE_PATH, List.of(root.toFile()));
                } else if (!ownSourcePath) {
                    standard.setLocation(StandardLocation.SOURCE_PATH, List.of());
                }
                ScriptFileManager files = new ScriptFileManager(standard, root, displayDir);
                JavacTask task;
                try {
                    task = (JavacTask) javac.getTask(null, files, diags, options, null, units);
                } catch (IllegalArgumentException e) {
                    throw rejected(name, e);
                }
                return run(task, files, req, diags, hint, root, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JrunException rejected(String name, IllegalArgumentException e) {
        return new JrunException(ExitCode.SCRIPT, name + ": javac rejects an option: " + e.getMessage()
                + "; check //COMPILE_OPTIONS");
    }

    /** Parses, checks and generates with {@code task}; the main class, and what the compile read. */
    private CompileResult run(JavacTask task, ScriptFileManager files, CompileRequest req,
            DiagnosticCollector<JavaFileObject> diags, Script hint, Path root, boolean kept) {
        Script script = req.units().get(0);
        String name = script.name();
        List<CompilationUnitTree> parsed = new ArrayList<>();
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent e) {
                if (e.getKind() == TaskEvent.Kind.PARSE && e.getCompilationUnit() != null) {
                    parsed.add(e.getCompilationUnit());
                }
            }
        });
        try {
            CompilationUnitTree scriptTree = null;
            for (CompilationUnitTree cu : task.parse()) {
                if (scriptTree == null) {
                    scriptTree = cu; // the units' order: the script comes first
                }
            }
            failOnErrors(diags, name, hint);
            task.analyze();
            failOnErrors(diags, name, hint);
            String main = req.main() != null ? req.main() : mainClass(task, scriptTree, script);
            List<Path> absent = root == null ? List.of() : absent(task, parsed, files.dirsListed());
            task.generate();
            failOnErrors(diags, name, hint);
            if (req.main() != null) {
                checkMainExists(req, script);
            }
            // the build that produced them shows them, once: a cached run compiles nothing
            report(diags, false);
            return new CompileResult(main, files.filesRead(), absent, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof JrunException) {
                throw e;
            }
            // what an annotation processor threw (javac hands it on, wrapped)
            throw ProcessorFailure.of(e, req, name).orElseThrow(() -> e);
        }
    }

    /** The source root as messages name the files below it: relative to where the script's name is. */
    private static Path relativeRoot(String name, Path scriptDir, Path root) {
        if (name.startsWith("/")) {
            return root;
        }
        Path named = Path.of(name).getParent();
        Path rel = scriptDir.relativize(root);
        return (named == null ? rel : named.resolve(rel)).normalize();
    }

    /**
     * The source files that would have changed the compile had they existed: one for each class
     * the program names that did not come from its own files, in each package directory of the
     * source root that javac looked into (a file there would have been the class).
     */
    private static List<Path> absent(JavacTask task, List<CompilationUnitTree> units, List<Path> dirs) {
        if (dirs.isEmpty()) {
            return List.of();
        }
        Trees trees = Trees.instance(task);
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (CompilationUnitTree cu : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void unused) {
                    Element e = trees.getElement(getCurrentPath());
                    if (e instanceof TypeElement type && trees.getPath(type) == null) {
                        names.add(node.getName().toString());
                    }
                    return super.visitIdentifier(node, unused);
                }
            }.scan(cu, null);
        }
        List<Path> absent = new ArrayList<>();
        for (Path dir : dirs) {
            for (String n : names) {
                Path file = dir.resolve(n + ".java");
                if (!java.nio.file.Files.exists(file)) {
                    absent.add(file);
                }
            }
        }
        return absent;
    }

    /**
     * The main class as the JDK's source launcher takes it: the script's first top-level class; if
     * that has no main method, the one named after the file. Beyond the launcher, which would fail,
     * a later top-level class with a main method (a user means it), or an agent's premain class.
     */
    private String mainClass(JavacTask task, CompilationUnitTree cu, Script script) {
        String name = script.name();
        List<TypeElement> types = new ArrayList<>();
        if (cu != null) {
            Trees trees = Trees.instance(task);
            for (Tree t : cu.getTypeDecls()) {
                if (t instanceof ClassTree && trees.getElement(TreePath.getPath(cu, t)) instanceof TypeElement type) {
                    types.add(type);
                }
            }
        }
        if (types.isEmpty()) {
            throw new JrunException(ExitCode.SCRIPT, name + ": declares no class; write a class with a main method,"
                    + " or name one with //MAIN");
        }
        String file = script.realPath() == null ? "" : script.realPath().getFileName().toString();
        String fileClass = file.endsWith(".java") ? file.substring(0, file.length() - 5) : "";
        java.util.function.Predicate<TypeElement> main = t -> hasMain(task, t);
        TypeElement chosen = main.test(types.get(0)) ? types.get(0)
                : types.stream().filter(t -> t.getSimpleName().contentEquals(fileClass)).filter(main).findFirst()
                        .or(() -> types.stream().filter(main).findFirst())
                        // a Java agent script (//JAVAAGENT) may have no main, but a premain
                        .or(() -> types.stream().filter(t -> hasPremain(t)).findFirst()).orElse(null);
        if (chosen == null) {
            throw new JrunException(ExitCode.SCRIPT, name + ": class " + task.getElements().getBinaryName(types.get(0))
                    + " has no main method; add public static void main(String[] args), or name the main class with //MAIN");
        }
        return task.getElements().getBinaryName(chosen).toString();
    }

    private static boolean hasPremain(TypeElement type) {
        return type.getEnclosedElements().stream().anyMatch(m -> m.getKind() == ElementKind.METHOD
                && (m.getSimpleName().contentEquals("premain") || m.getSimpleName().contentEquals("agentmain")));
    }

    /** A method main() or main(String[]), its own or inherited: the launcher then decides if it can run it. */
    private static boolean hasMain(JavacTask task, TypeElement type) {
        for (Element m : task.getElements().getAllMembers(type)) {
            if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals("main")) {
                var params = ((ExecutableElement) m).getParameters();
                if (params.isEmpty()) {
                    return true;
                }
                if (params.size() == 1 && params.get(0).asType() instanceof ArrayType a
                        && a.getComponentType().getKind() == TypeKind.DECLARED
                        && a.getComponentType().toString().equals("java.lang.String")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param hint the script, when it has no source root: a symbol not found may be a class in a
     *             file beside it, and the message then says why that was not looked in
     */
    private void failOnErrors(DiagnosticCollector<JavaFileObject> diags, String name, Script hint) {
        long errors = diags.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count();
        if (errors > 0) {
            report(diags, true);
            // a compact source file (a bare void main()) on a JDK that does not know them yet
            boolean compact = Runtime.version().feature() < 25 && diags.getDiagnostics().stream()
                    .anyMatch(d -> "compiler.err.expected4".equals(d.getCode()) || "compiler.err.class.method.or.field.expected".equals(d.getCode()));
            throw new JrunException(ExitCode.COMPILE, name + ": compilation failed with " + errors
                    + (errors == 1 ? " error" : " errors") + "; fix " + (errors == 1 ? "it" : "them") + " and run again"
                    + (compact ? " (methods outside a class, as in void main() { ... }, need Java 25: add //JAVA 25+)" : "")
                    + besideHint(diags, hint));
        }
    }

    /** A class not found that a file beside the script holds, and why jrun did not look there. */
    private static String besideHint(DiagnosticCollector<JavaFileObject> diags, Script script) {
        String why = script == null ? null : SourceRoot.whyNone(script);
        if (why == null) {
            return "";
        }
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getCode() != null && d.getCode().startsWith("compiler.err.cant.resolve")
                    && d.getSource() instanceof SourceObject so && so.script() == script && d.getStartPosition() >= 0
                    && d.getEndPosition() <= script.text().length() && d.getStartPosition() < d.getEndPosition()) {
                String symbol = script.text().substring((int) d.getStartPosition(), (int) d.getEndPosition());
                if (symbol.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*")
                        && java.nio.file.Files.isRegularFile(script.dir().resolve(symbol + ".java"))) {
                    return " (" + symbol + ".java beside it is not looked in: " + why + ", as with java;"
                            + " name it with //SOURCES " + symbol + ".java)";
                }
            }
        }
        return "";
    }

    /** //MAIN must name a class of the script, its sources or its dependencies; else every run would fail. */
    private static void checkMainExists(CompileRequest req, Script script) {
        String file = req.main().replace('.', '/') + ".class";
        if (java.nio.file.Files.isRegularFile(req.classes().resolve(file))) {
            return;
        }
        for (java.nio.file.Path jar : req.classpath()) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                if (zip.getEntry(file) != null) {
                    return;
                }
            } catch (IOException e) {
                // an unreadable jar holds no main class
            }
        }
        int line = 0;
        for (int i = 0; i < script.lines().size(); i++) {
            if (script.lines().get(i).startsWith("//MAIN")) {
                line = i + 1;
            }
        }
        throw new JrunException(ExitCode.SCRIPT, script.name() + (line > 0 ? ":" + line : "") + ": //MAIN "
                + req.main() + ": no such class in the script, its //SOURCES or its dependencies;"
                + " name it with its package, e.g. //MAIN com.example.Main");
    }

    /**
     * Prints diagnostics as javac does: {@code file:line: kind: message}, the line, a caret; notes
     * as {@code Note: ...}; after a successful compile, the count of warnings.
     */
    private void report(DiagnosticCollector<JavaFileObject> diags, boolean failed) {
        int warnings = 0;
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (!failed && d.getKind() == Diagnostic.Kind.ERROR) {
                continue;
            }
            if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                warnings++;
            }
            err.println(format(d));
        }
        if (!failed && warnings > 0) {
            err.println(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        err.flush();
    }

    static String format(Diagnostic<? extends JavaFileObject> d) {
        String kind = switch (d.getKind()) {
            case ERROR -> "error";
            case WARNING, MANDATORY_WARNING -> "warning";
            default -> "note";
        };
        String message = d.getMessage(Locale.getDefault());
        String firstLine = message.lines().findFirst().orElse("");
        String rest = message.contains("\n") ? message.substring(message.indexOf('\n') + 1) : null;
        StringBuilder out = new StringBuilder();
        JavaFileObject source = d.getSource();
        if (d.getKind() == Diagnostic.Kind.NOTE && (source == null || d.getLineNumber() == Diagnostic.NOPOS)) {
            out.append("Note: ").append(firstLine);
        } else if (source == null || d.getLineNumber() == Diagnostic.NOPOS) {
            out.append(source == null ? "" : source.getName() + ": ").append(kind).append(": ").append(firstLine);
        } else {
            out.append(source.getName()).append(':').append(d.getLineNumber()).append(": ").append(kind)
                    .append(": ").append(firstLine);
            String line = sourceLine(source, d.getLineNumber());
            if (line != null) {
                out.append('\n').append(line).append('\n');
                int col = (int) Math.max(1, d.getColumnNumber());
                for (int i = 0; i < col - 1 && i < line.length(); i++) {
                    out.append(line.charAt(i) == '\t' ? '\t' : ' ');
                }
                out.append('^');
            }
        }
        if (rest != null && !rest.isEmpty()) {
            out.append('\n').append(rest);
        }
        return out.toString();
    }

    private static String sourceLine(JavaFileObject source, long number) {
        try {
            return source.getCharContent(true).toString().lines().skip(number - 1).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
