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
            if (plan.dependencies().jars().isEmpty()) {
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
}
