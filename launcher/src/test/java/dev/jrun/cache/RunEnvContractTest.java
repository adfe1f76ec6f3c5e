package dev.jrun.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.aot.AotFiles;
import dev.jrun.plan.Check;
import dev.jrun.plan.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the builder and the sh front end: a generated {@code run.env}, sourced by dash
 * with {@code set -u} the way the front end sources it, defines every variable and function the front
 * end reads, with the values the builder meant, and its {@code jrun_valid} tells a valid entry from a
 * stale one.
 *
 * <p>Two helpers carry the contract: {@link #writeEntry} makes an entry's launch files as the builder
 * does, and {@link #source} reads a run.env back as the front end does. The tests only go through them.
 */
class RunEnvContractTest {
    /** The variables the front end reads from run.env. */
    static final List<String> VARIABLES = List.of("jrun_java", "jrun_main", "jrun_script_main", "jrun_noaot", "jrun_aot_file",
            "jrun_aot_map", "jrun_aot_quiet", "jrun_aot_why", "jrun_complete");
    /** The functions run.env defines for it; jrun_aot_fresh only when the entry has an archive. */
    static final List<String> FUNCTIONS = List.of("jrun_valid", "jrun_aot_fresh");

    @TempDir
    Path tmp;
    private Path entry;
    private Jdk jdk;
    private Path script;
    private Path lib;

    @BeforeEach
    void fixtures() throws IOException {
        entry = Files.createDirectories(tmp.resolve("cache dir/entries/it's & | ok"));
        Path home = Files.createDirectories(tmp.resolve("jdk's home/bin")).getParent();
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String release = "JAVA_VERSION=\"21.0.2\"\n";
        Files.writeString(home.resolve("release"), release);
        jdk = new Jdk(home, 21, "21.0.2", release);
        script = Files.writeString(tmp.resolve("hello world.java"), "class hello {}");
        lib = Files.writeString(tmp.resolve("lib $x.jar"), "a jar");
        Files.writeString(entry.resolve(Entry.JAR), "the app");
    }

    // ---- the two helpers ---------------------------------------------------------------------------

    /**
     * Writes a build's java.args and run.env as the builder does (Builder.assemble: the archive's
     * lines from AotFiles, then RunEnv), and returns run.env.
     */
    static Path writeEntry(Path entry, Jdk jdk, String main, List<String> javaArgs, List<Check> checks, boolean noAot)
            throws IOException {
        RunEnv.Archive aot = AotFiles.write(entry, entry, jdk, javaArgs);
        Files.writeString(entry.resolve(Entry.ARGS), ArgFile.format(javaArgs));
        Files.writeString(entry.resolve(Entry.ENV), new RunEnv(jdk.java(), "dev.jrun.boot.ScriptMain", main, noAot, aot, checks).render());
        return entry.resolve(Entry.ENV);
    }

    /**
     * What sourcing a run.env gave: each variable's value (null: unset), each function's status (null:
     * undefined; -1: jrun_aot_fresh not run, the archive not being there).
     */
    record Sourced(Map<String, String> variables, Map<String, Integer> functions) {
    }

    /**
     * Sources {@code runEnv} in dash with {@code set -u}, with {@code $entry} and {@code $script} set and the
     * front end's helper functions defined as the front end has them, then reads every variable in
     * {@link #VARIABLES} and runs every function in {@link #FUNCTIONS}. Also checks that sh and bash agree.
     */
    static Sourced source(Path runEnv, Path entry, Path script, Map<String, String> env) throws Exception {
        StringBuilder sh = new StringBuilder("set -u\n");
        sh.append(FrontEndShell.function("jrun_glob_is")).append(FrontEndShell.function("jrun_path_java_is"));
        sh.append("entry=").append(Sh.quote(entry.toString())).append('\n');
        sh.append("script=").append(Sh.quote(script.toString())).append('\n');
        sh.append(". ").append(Sh.quote(runEnv.toString())).append('\n');
        for (String v : VARIABLES) {
            sh.append("if [ \"${").append(v).append("+set}\" = set ]; then printf '%s=%s\\0' ").append(v)
                    .append(" \"$").append(v).append("\"; fi\n");
        }
        for (String f : FUNCTIONS) {
            // (the front end calls jrun_aot_fresh only once the archive exists; before, shells differ: with a
            // missing second file, dash's [ A -nt B ] is false, bash's true)
            String guard = f.equals("jrun_aot_fresh") ? "[ -f \"$jrun_aot_file\" ] || { printf '%s()=-1\\0' " + f + "; false; } && " : "";
            sh.append("if command -v ").append(f).append(" >/dev/null; then ").append(guard).append("if ").append(f)
                    .append("; then printf '%s()=0\\0' ").append(f).append("; else printf '%s()=%s\\0' ").append(f)
                    .append(" \"$?\"; fi; fi\n");
        }
        sh.append("printf 'end\\0'\n");
        Sourced first = null;
        for (String shell : FrontEndShell.shells()) {
            FrontEndShell.Run r = FrontEndShell.run(shell, sh.toString(), env, null);
            assertEquals(0, r.status(), shell + " sourcing " + runEnv + ":\n" + Files.readString(runEnv) + "\n" + r);
            assertEquals("", r.err(), shell + " complained sourcing " + runEnv + ":\n" + Files.readString(runEnv));
            Map<String, String> vars = new LinkedHashMap<>();
            Map<String, Integer> fns = new LinkedHashMap<>();
            List<String> fields = List.of(r.out().split("\0", -1));
            assertEquals(List.of("end", ""), fields.subList(fields.size() - 2, fields.size()), shell + ": " + r);
            for (String field : fields.subList(0, fields.size() - 2)) {
                int eq = field.indexOf('=');
                String name = field.substring(0, eq);
                if (name.endsWith("()")) {
                    fns.put(name.substring(0, name.length() - 2), Integer.parseInt(field.substring(eq + 1)));
                } else {
                    vars.put(name, field.substring(eq + 1));
                }
            }
            VARIABLES.forEach(v -> vars.putIfAbsent(v, null));
            FUNCTIONS.forEach(f -> fns.putIfAbsent(f, null));
            Sourced s = new Sourced(vars, fns);
            if (first == null) {
                first = s;
            } else {
                assertEquals(first, s, shell + " reads " + runEnv + " differently from dash");
            }
        }
        return first;
    }

    // ---- the front end's side ------------------------------------------------------------------------

    /**
     * The names the front end reads but neither assigns nor defines itself: what it expects run.env to
     * define. Comments are left out; a name assigned anywhere in the front end counts as its own.
     */
    static Set<String> readFromRunEnv() throws IOException {
        StringBuilder code = new StringBuilder();
        for (String line : Files.readAllLines(FrontEndShell.FILE, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            int comment = line.indexOf(" # ");
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        Set<String> own = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(jrun_\\w+)\\(\\)|(?<![\\w$])(jrun_\\w+)=|read -r (jrun_\\w+)|for (jrun_\\w+) in")
                .matcher(code);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    own.add(m.group(g));
                }
            }
        }
        Set<String> read = new TreeSet<>();
        Matcher names = Pattern.compile("(?<![\\w])jrun_\\w+").matcher(code);
        while (names.find()) {
            if (!own.contains(names.group())) {
                read.add(names.group());
            }
        }
        return read;
    }

    @Test
    void runEnvDefinesEverythingTheFrontEndReadsFromIt() throws IOException {
        Set<String> read = readFromRunEnv();
        Set<String> contract = new TreeSet<>(VARIABLES);
        contract.addAll(FUNCTIONS);
        assertTrue(contract.containsAll(read), "the front end reads " + read + "; this contract covers " + contract
                + ": add the new names to the test and to what the builder writes");
        assertTrue(read.containsAll(List.of("jrun_java", "jrun_main", "jrun_valid", "jrun_aot_file", "jrun_aot_fresh",
                "jrun_aot_quiet", "jrun_noaot")), "found " + read);
    }

    @Test
    void theFrontEndNamesTheEntrysFilesAsTheBuilderWritesThem() throws IOException {
        String frontEnd = Files.readString(FrontEndShell.FILE);
        assertTrue(frontEnd.contains(". \"$entry/" + Entry.ENV + "\""), "sources $entry/" + Entry.ENV);
        assertTrue(frontEnd.contains("\"@$entry/" + Entry.ARGS + "\""), "passes @$entry/" + Entry.ARGS);
        String version = Entry.COMPLETE.substring(Entry.COMPLETE.indexOf('=') + 1);
        assertTrue(frontEnd.contains(". \"$entry/" + Entry.ENV + "\" && [ \"$jrun_complete\" = " + version + " ]"),
                "takes a run.env as complete only with the builder's " + Entry.COMPLETE);
    }

    // ---- the builder's side, read back ---------------------------------------------------------------

    private List<String> javaArgs(String... options) {
        List<String> args = new ArrayList<>(List.of("-cp", entry.resolve(Entry.JAR) + ":" + lib));
        args.addAll(List.of(options));
        return args;
    }

    @Test
    void everyVariableHasTheValueTheBuilderMeant() throws Exception {
        Path runEnv = writeEntry(entry, jdk, "pkg.Main$Inner", javaArgs("-Xmx64m", "-Dx=it's"), List.of(), false);
        Sourced s = source(runEnv, entry, script, Map.of());
        assertEquals(jdk.java().toString(), s.variables().get("jrun_java"));
        assertEquals("dev.jrun.boot.ScriptMain", s.variables().get("jrun_main"));
        assertEquals("pkg.Main$Inner", s.variables().get("jrun_script_main"));
        assertEquals("", s.variables().get("jrun_noaot"));
        String aot = s.variables().get("jrun_aot_file");
        assertTrue(aot.startsWith(entry + "/aot-") && aot.endsWith(".jsa"), aot);
        // JDK 21: a class-data-sharing archive (24 and later: an AOT cache, ArchiveFormatTest)
        assertEquals("-XX:SharedArchiveFile=" + aot, s.variables().get("jrun_aot_map"));
        assertEquals("-Xlog:cds*=off", s.variables().get("jrun_aot_quiet"));
        assertEquals("", s.variables().get("jrun_aot_why"));
        assertEquals(0, s.functions().get("jrun_valid"));
        assertEquals(-1, s.functions().get("jrun_aot_fresh"), "defined, not run: no archive yet");
        assertEquals(ArgFile.format(javaArgs("-Xmx64m", "-Dx=it's")), Files.readString(entry.resolve(Entry.ARGS)));
    }

    @Test
    void noAotAndNoArchive() throws Exception {
        Path runEnv = writeEntry(entry, jdk, "hello", javaArgs("-Xshare:off"), List.of(), true);
        Sourced s = source(runEnv, entry, script, Map.of());
        assertEquals("1", s.variables().get("jrun_noaot"));
        assertEquals("", s.variables().get("jrun_aot_file"));
        assertEquals("", s.variables().get("jrun_aot_map"));
        assertEquals("//JAVA_OPTIONS sets -Xshare:off", s.variables().get("jrun_aot_why"));
        assertEquals(null, s.functions().get("jrun_aot_fresh"));
        assertEquals(0, s.functions().get("jrun_valid"));
    }

    @Test
    void theArchiveIsFreshUntilAJarOrTheJdkChanges() throws Exception {
        Path runEnv = writeEntry(entry, jdk, "hello", javaArgs(), List.of(), false);
        Path archive = Path.of(source(runEnv, entry, script, Map.of()).variables().get("jrun_aot_file"));
        Instant now = Instant.now();
        for (Path f : List.of(entry.resolve(Entry.JAR), lib, jdk.home().resolve("release"))) {
            Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(60)));
        }
        Files.writeString(archive, "an archive");
        Files.setLastModifiedTime(archive, FileTime.from(now.minusSeconds(30)));
        assertEquals(0, source(runEnv, entry, script, Map.of()).functions().get("jrun_aot_fresh"));

        Files.setLastModifiedTime(lib, FileTime.from(now));
        assertEquals(1, source(runEnv, entry, script, Map.of()).functions().get("jrun_aot_fresh"), "a jar changed");
        Files.setLastModifiedTime(lib, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(jdk.home().resolve("release"), FileTime.from(now));
        assertEquals(1, source(runEnv, entry, script, Map.of()).functions().get("jrun_aot_fresh"), "the JDK changed");
    }

    @Test
    void jrunValidHoldsWhileEveryCheckDoesAndFailsWhenOneDoesNot() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data dir"));
        Files.writeString(data.resolve("a'1.txt"), "1");
        Files.writeString(data.resolve("b 2.txt"), "2");
        Path sums = entry.resolve("inputs.sha256");
        Files.writeString(sums, sha256sumLine(data.resolve("b 2.txt")));
        List<Check> checks = List.of(
                new Check.ScriptIs(script.toRealPath()),
                new Check.Unchanged(sums),
                new Check.FileExists(lib),
                new Check.GlobIs(data, "*.txt", List.of(data.resolve("a'1.txt"), data.resolve("b 2.txt"))),
                new Check.EnvIs("JRUN_TEST_REPO", "/srv/it's repo"),
                new Check.EnvIs("JRUN_TEST_UNSET", null));
        Path runEnv = writeEntry(entry, jdk, "hello", javaArgs(), checks, false);
        Map<String, String> env = new HashMap<>();
        env.put("JRUN_TEST_REPO", "/srv/it's repo");
        assertEquals(0, valid(runEnv, env), Files.readString(runEnv));

        env.put("JRUN_TEST_UNSET", "");
        assertEquals(1, valid(runEnv, env), "a variable that was unset is set");
        env.remove("JRUN_TEST_UNSET");
        env.put("JRUN_TEST_REPO", "/srv/other");
        assertEquals(1, valid(runEnv, env), "a variable changed");
        env.put("JRUN_TEST_REPO", "/srv/it's repo");

        Files.writeString(data.resolve("c.txt"), "3");
        assertEquals(1, valid(runEnv, env), "a file added to the glob");
        Files.delete(data.resolve("c.txt"));
        assertEquals(0, valid(runEnv, env));

        Files.writeString(data.resolve("b 2.txt"), "changed");
        assertEquals(1, valid(runEnv, env), "an input changed");
        Files.writeString(data.resolve("b 2.txt"), "2");
        assertEquals(0, valid(runEnv, env));

        assertEquals(1, valid(runEnv, env, Files.writeString(tmp.resolve("copy.java"), "class hello {}")),
                "another copy of the script");

        Files.move(lib, tmp.resolve("moved.jar"));
        assertEquals(1, valid(runEnv, env), "a jar is gone");
        Files.move(tmp.resolve("moved.jar"), lib);
        assertEquals(0, valid(runEnv, env));

        Files.delete(jdk.java());
        assertEquals(1, valid(runEnv, env), "the JDK is gone");
    }

    private int valid(Path runEnv, Map<String, String> env) throws Exception {
        return valid(runEnv, env, script);
    }

    private int valid(Path runEnv, Map<String, String> env, Path script) throws Exception {
        return source(runEnv, entry, script, env).functions().get("jrun_valid");
    }

    private static String sha256sumLine(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        StringBuilder hex = new StringBuilder();
        for (byte b : md.digest(Files.readAllBytes(file))) {
            hex.append(String.format("%02x", b));
        }
        return hex + "  " + file + "\n";
    }
}
