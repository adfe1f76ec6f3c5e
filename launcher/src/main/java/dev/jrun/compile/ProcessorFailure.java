package dev.jrun.compile;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An annotation processor that threw: javac hands on what it threw, and the user is told which
 * processor it was, from which dependency (the //DEPS line), and what it threw; the stack trace
 * only with --verbose.
 */
final class ProcessorFailure {
    private static final String JAVAC_CALL = "com.sun.tools.javac.processing.JavacProcessingEnvironment";
    private static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";

    private ProcessorFailure() {
    }

    /** The one-line error for {@code e}, if it came from a processor. */
    static Optional<JrunException> of(RuntimeException e, CompileRequest req, String script) {
        Throwable thrown = e.getCause();
        if (thrown == null) {
            return Optional.empty();
        }
        // the frame above javac's call into the processor is the processor's
        String processor = null;
        StackTraceElement[] trace = thrown.getStackTrace();
        for (int i = trace.length - 1; i > 0; i--) {
            if (trace[i].getClassName().equals(JAVAC_CALL) && trace[i].getMethodName().equals("callProcessor")) {
                processor = trace[i - 1].getClassName();
                break;
            }
        }
        if (processor == null) {
            return Optional.empty();
        }
        String where = script;
        String from = "";
        for (int i = 0; i < req.classpath().size(); i++) {
            if (declares(req.classpath().get(i), processor)) {
                from = " (from " + req.classpath().get(i).getFileName() + ")";
                if (i < req.origins().size() && !req.origins().get(i).isEmpty()) {
                    where = req.origins().get(i);
                }
                break;
            }
        }
        String what = thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": "
                + thrown.getMessage().lines().findFirst().orElse(""));
        return Optional.of(new JrunException(ExitCode.COMPILE, where + ": annotation processor " + processor + from
                + " failed: " + what + "; check that the processor's version fits its library's (--verbose shows"
                + " its stack trace), or turn processors off with //COMPILE_OPTIONS -proc:none", thrown));
    }

    /** Does the jar name {@code processor} as a service, or hold its class? */
    private static boolean declares(Path jar, String processor) {
        String outer = processor.contains("$") ? processor.substring(0, processor.indexOf('$')) : processor;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(outer.replace('.', '/') + ".class") != null) {
                return true;
            }
            ZipEntry services = zip.getEntry(SERVICES);
            if (services != null) {
                try (InputStream in = zip.getInputStream(services)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .anyMatch(outer::equals);
                }
            }
        } catch (IOException e) {
            // a directory, or not a jar: it holds no processor we can name
        }
        return false;
    }
}
