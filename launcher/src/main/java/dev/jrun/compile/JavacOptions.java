package dev.jrun.compile;

import dev.jrun.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/** The javac options of a build: jrun's own, then the script's //COMPILE_OPTIONS. */
public final class JavacOptions {
    private JavacOptions() {
    }

    public static List<String> of(Plan plan) {
        List<String> opts = new ArrayList<>(List.of("-encoding", "UTF-8", "-g", "-parameters"));
        boolean userProc = plan.compileOptions().stream()
                .anyMatch(o -> o.startsWith("-proc:") || o.equals("-processor") || o.equals("-processorpath")
                        || o.equals("--processor-path"));
        if (!userProc) {
            // (with no processor to find, as javac would find it, none runs either way: the
            // compile server may then keep javac's context, KeptContexts)
            if (plan.dependencies().jars().isEmpty() || !declaresProcessor(plan.dependencies().classpath())) {
                opts.add("-proc:none");
            } else if (plan.jdk().major() >= 21) {
                // JDK 23 and later run no processor found on the class path unless told to
                opts.add("-proc:full");
            }
        }
        if (plan.preview()) {
            opts.addAll(List.of("--enable-preview", "--release", Integer.toString(plan.jdk().major())));
        }
        opts.addAll(plan.compileOptions());
        return opts;
    }

    /** Where javac's processor discovery (a ServiceLoader over the class path) looks. */
    static final String PROCESSOR_SERVICE = "META-INF/services/javax.annotation.processing.Processor";

    /**
     * Whether javac could find an annotation processor on this class path: an entry that has
     * {@value #PROCESSOR_SERVICE}, or one that cannot be read (javac would say why).
     */
    static boolean declaresProcessor(List<java.nio.file.Path> classpath) {
        for (java.nio.file.Path p : classpath) {
            if (java.nio.file.Files.isDirectory(p)) {
                if (java.nio.file.Files.exists(p.resolve(PROCESSOR_SERVICE))) {
                    return true;
                }
                continue;
            }
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
                if (zip.getEntry(PROCESSOR_SERVICE) != null) {
                    return true;
                }
            } catch (java.io.IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    /** Options whose next word is a path, or a list of them. */
    static final java.util.Set<String> PATH_OPTIONS = java.util.Set.of("-cp", "-classpath", "--class-path",
            "-sourcepath", "--source-path", "-processorpath", "--processor-path", "--processor-module-path", "-p",
            "--module-path", "--module-source-path", "--upgrade-module-path", "--system", "-d", "-s", "-h",
            "-bootclasspath", "--boot-class-path", "-extdirs", "-endorseddirs", "--patch-module");

    /**
     * Whether javac would read or write a path relative to its working directory with these options
     * (a relative path option, an @argfile, a -A value that looks like a relative path, which a
     * processor would open from there): a compile server, whose directory is not the run's, leaves
     * such a build to the builder JVM.
     */
    public static boolean needWorkingDirectory(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            String value = null;
            if (o.startsWith("@")) {
                return true;
            }
            if (PATH_OPTIONS.contains(o) && i + 1 < options.size()) {
                value = options.get(++i);
            } else if (o.startsWith("--") && o.contains("=") && PATH_OPTIONS.contains(o.substring(0, o.indexOf('=')))) {
                value = o.substring(o.indexOf('=') + 1);
            } else if (o.startsWith("-A") && o.contains("=")) {
                String v = o.substring(o.indexOf('=') + 1);
                if (v.contains("/") && !v.startsWith("/")) {
                    return true;
                }
            }
            if (value != null) {
                String paths = value.contains("=") ? value.substring(value.indexOf('=') + 1) : value; // (MODULE=PATH)
                for (String part : paths.split(":")) {
                    if (!part.isEmpty() && !part.startsWith("/")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
