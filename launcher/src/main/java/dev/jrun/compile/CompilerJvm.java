package dev.jrun.compile;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.Version;
import dev.jrun.plan.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles in a JVM of the script's JDK, for a script whose JDK is not the one the builder runs on
 * (javax.tools compiles with the compiler of the JVM it runs in). The request carries the text to
 * compile; the child writes the main class's name back.
 */
public final class CompilerJvm {
    private final Path archives;
    private final Path work;
    private final boolean verbose;

    /**
     * @param archives where the compiler JVMs' own class-data archives live (the cache root)
     * @param work     a private directory for the request and the result
     */
    public CompilerJvm(Path archives, Path work, boolean verbose) {
        this.archives = archives;
        this.work = work;
        this.verbose = verbose;
    }

    private static int run(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.INTERNAL, "interrupted while compiling");
        }
    }

    public CompileResult compile(Jdk jdk, CompileRequest req) throws IOException {
        Path reqFile = work.resolve("compile.request");
        Path result = work.resolve("compile.result");
        req.write(reqFile);
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = dev.jrun.OwnJvm.command(jdk.java().toString());
        cmd.addAll(List.of("-Xlog:disable", "-Xlog:all=off"));
        // The compiler JVM's own classes (javac's) come from an archive that its first run makes:
        // one per JDK build and jrun version. It is dumped under a name of its own and renamed into
        // place, so that compiler JVMs running at once never share a half-made file.
        String id = Hashing.of(jdk.release() + Version.get() + classpath).substring(0, 16);
        Path archive = archives.resolve("compiler-" + jdk.major() + "-" + id + ".jsa");
        Path dumping = null;
        if (Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        } else {
            dumping = work.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
            cmd.add("-XX:ArchiveClassesAtExit=" + dumping);
        }
        cmd.addAll(List.of("-cp", classpath, CompileChild.class.getName(),
                reqFile.toString(), result.toString(), verbose ? "verbose" : ""));
        int status;
        if (dumping == null) {
            status = run(new ProcessBuilder(cmd).inheritIO());
        } else {
            // The archive is optional; the compile is not. The dump can fail the JVM (a nearly full
            // disk: "Unable to use shared archive" on stdout, status 1): its output is held back,
            // shown only if the compile went well, and a failed attempt is made again without it.
            Path out = work.resolve("compile.out");
            try {
                status = run(new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectErrorStream(true).redirectOutput(out.toFile()));
            } catch (IOException e) {
                status = -1;
            }
            if (status == 0 && Files.isRegularFile(dumping) && Files.isRegularFile(result)) {
                System.err.print(Files.readString(out, StandardCharsets.UTF_8));
                try {
                    Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(dumping);
                }
            } else {
                Files.deleteIfExists(dumping);
                cmd.remove("-XX:ArchiveClassesAtExit=" + dumping);
                status = run(new ProcessBuilder(cmd).inheritIO());
            }
            Files.deleteIfExists(out);
        }
        if (status != 0) {
            throw new JrunException(status, null);
        }
        CompileResult compiled = CompileResult.read(result);
        Files.delete(reqFile);
        Files.delete(result);
        return compiled;
    }
}
