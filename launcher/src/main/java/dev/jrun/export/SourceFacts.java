package dev.jrun.export;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * What a Maven layout needs to know of a source file, read with javac's parser (no compiling):
 * its package, its main class when there is no //MAIN (as for a run: the first top-level class
 * with a main method, else the first),
 * and its public top-level class, after which the file must be named under Maven.
 */
record SourceFacts(String packageName, Optional<String> firstClass, Optional<String> publicClass) {
    // firstClass: the first top-level class with a main method, else the first top-level class

    static SourceFacts of(Script source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new JrunException(ExitCode.NO_JDK, "jrun runs on a Java runtime without a compiler; install a JDK");
        }
        var unit = new SimpleJavaFileObject(source.realPath().toUri(),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return source.text();
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(unit));
        try {
            for (CompilationUnitTree cu : task.parse()) {
                String pkg = cu.getPackageName() == null ? "" : cu.getPackageName().toString();
                Optional<String> first = Optional.empty();
                Optional<String> pub = Optional.empty();
                Optional<String> withMain = Optional.empty();
                for (Tree t : cu.getTypeDecls()) {
                    if (t instanceof ClassTree c) {
                        String name = c.getSimpleName().toString();
                        if (first.isEmpty()) {
                            first = Optional.of(name);
                        }
                        // a run takes the first top-level class that has a main method (see Compiler)
                        if (withMain.isEmpty() && c.getMembers().stream().anyMatch(m -> m instanceof MethodTree mt
                                && mt.getName().contentEquals("main"))) {
                            withMain = Optional.of(name);
                        }
                        if (pub.isEmpty() && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                            pub = Optional.of(name);
                        }
                    }
                }
                return new SourceFacts(pkg, withMain.isPresent() ? withMain : first, pub);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceFacts("", Optional.empty(), Optional.empty());
    }

    /** The file's path under src/main/java: package directories, and the public class's name if it has one. */
    String path(String fileName) {
        String file = publicClass.map(c -> c + ".java").orElse(fileName);
        return packageName.isEmpty() ? file : packageName.replace('.', '/') + "/" + file;
    }

    String qualified(String simpleName) {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
}
