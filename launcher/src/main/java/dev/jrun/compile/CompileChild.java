package dev.jrun.compile;

import dev.jrun.JrunException;
import dev.jrun.Report;
import java.nio.file.Path;

/**
 * The compiler JVM for a script whose JDK is not the one the builder runs on: javax.tools compiles
 * with the compiler of the JVM it runs in, so the builder starts this on the script's JDK.
 * Arguments: the request file, the file to write the result to (CompileResult), and "verbose" or "".
 */
public final class CompileChild {
    private CompileChild() {
    }

    public static void main(String[] args) {
        boolean verbose = args.length > 2 && args[2].equals("verbose");
        try {
            CompileRequest req = CompileRequest.read(Path.of(args[0]));
            new Compiler(System.err).compile(req).write(Path.of(args[1]));
        } catch (JrunException e) {
            System.exit(Report.failure(e, verbose));
        } catch (Exception | Error e) {
            System.exit(Report.failure(e, verbose));
        }
    }
}
