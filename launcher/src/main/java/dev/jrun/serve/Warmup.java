package dev.jrun.serve;

import dev.jrun.Environment;
import dev.jrun.cache.CacheRoot;
import dev.jrun.build.BuildMain;
import dev.jrun.build.BuildRequest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Brings a new server's compiler up to speed before its first client: builds a small script a few
 * times, the whole way (plan, compile, jar, entry), in a cache root of its own that it then deletes.
 * javac in a JVM that has compiled a few times is many times faster than in a fresh one. Then it
 * lets the server keep javac's contexts between builds.
 */
final class Warmup {
    static final int ROUNDS = 8;

    private Warmup() {
    }

    static void run(ServerDir dir, PrintStream log) {
        Path root = dir.file("warm");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            CacheRoot.deleteTree(root);
            CacheRoot.open(root);
            long last = 0;
            for (int i = 0; i < ROUNDS; i++) {
                Path script = root.resolve("Warm.java");
                Files.writeString(script, source(i));
                String sha = dev.jrun.Hashing.of(Files.readAllBytes(script));
                BuildRequest request = new BuildRequest(root.resolve("entries").resolve(sha + "-0").toString(),
                        script.toString(), "Warm.java", Integer.toString(Runtime.version().feature()), true, false, true,
                        "", "");
                long start = System.nanoTime();
                int status = BuildMain.build(request, Environment.current(), quiet, null);
                last = (System.nanoTime() - start) / 1_000_000;
                if (status != 0) {
                    log.println(Instant.now() + " warm-up build failed with status " + status);
                    break;
                }
            }
            log.println(Instant.now() + " warmed up: the last of " + ROUNDS + " builds took " + last + " ms");
        } catch (Exception | Error e) {
            log.println(Instant.now() + " warm-up failed: " + e);
        } finally {
            CacheRoot.deleteTree(root);
            // from now on javac's contexts are kept between builds (after the warm-up, which
            // warms up what a new context does: the first build of each script is one)
            log.println(Instant.now() + (dev.jrun.compile.Compiler.keepContexts() ? " keeping javac's contexts between builds"
                    : " javac's contexts cannot be kept (no --add-exports for com.sun.tools.javac.api): each build makes its own"));
        }
    }

    private static String source(int round) {
        return "import java.util.*;\n"
                + "// warm-up " + round + "\n"
                + "public class Warm {\n"
                + "    record Point(int x, int y) { }\n"
                + "    public static void main(String[] args) {\n"
                + "        List<Point> points = new ArrayList<>();\n"
                + "        for (int i = 0; i < args.length; i++) points.add(new Point(i, args[i].length()));\n"
                + "        points.stream().map(p -> p.x() + \":\" + p.y()).forEach(System.out::println);\n"
                + "        System.out.printf(\"%d %s%n\", points.size(), String.join(\",\", args));\n"
                + "    }\n"
                + "}\n";
    }
}
