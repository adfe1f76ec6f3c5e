package dev.jrun.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Check;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Plan;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks the planner makes, rendered by {@link ShellTest} and run the way a cached run runs them:
 * in dash (and sh, and bash when present), with the helper functions read out of the real front end.
 * Each must hold while nothing changed and fail once the thing it watches changes.
 */
class FrontEndChecksTest {
    @TempDir
    Path tmp;
    private Path proj;
    private Path entry;

    @BeforeEach
    void tree() throws IOException {
        proj = Files.createDirectories(tmp.resolve("pro'j dir"));
        entry = Files.createDirectories(tmp.resolve("entry"));
        Path data = Files.createDirectories(proj.resolve("data"));
        for (String f : List.of("a b.txt", "it's.txt", "q\"uote.txt", "plain.txt", ".hidden.txt", "new\nline.txt", "x&y|z.txt", "st*r.txt", "[ab].txt",
                "sp ace dir/c.txt", "sp ace dir/d e.txt", "sub/x.txt", "sub/deeper/y.txt", ".hid/z.txt", "sub/.dot/h.txt")) {
            Files.createDirectories(data.resolve(f).getParent());
            Files.writeString(data.resolve(f), f);
        }
    }

    /** The checks the planner makes for a script in {@code proj} with these directive lines. */
    private List<Check> plannedChecks(String... directives) throws IOException {
        Path script = proj.resolve("s.java");
        Files.writeString(script, String.join("\n", directives) + "\nclass s { public static void main(String[] a) {} }\n");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HOME", tmp.toString());
        env.put("PATH", "/nonexistent");
        Planner planner = new Planner(new JdkFinder(env), () -> {
            throw new AssertionError("no dependencies to resolve");
        });
        Plan plan = planner.plan(Script.read(script, "s.java"), new BuildOptions(null, false, false, false));
        return plan.checks();
    }

    private <T extends Check> T only(Class<T> type, List<Check> checks) {
        List<T> found = checks.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in " + checks);
        return found.get(0);
    }

    /**
     * Does the check hold, in every shell? The shells must agree, and may say nothing on stderr.
     * Runs with {@code $entry} set as the front end sets it, and with {@code env} as the environment.
     */
    private boolean holds(Check check, Map<String, String> env) throws Exception {
        String test = ShellTest.of(check);
        String script = FrontEndShell.function("jrun_glob_is") + FrontEndShell.function("jrun_path_java_is")
                + "entry=" + Sh.quote(entry.toString()) + "\n"
                + "if " + test + "\nthen exit 0; else exit 1; fi\n";
        Boolean result = null;
        List<String> seen = new ArrayList<>();
        for (String shell : FrontEndShell.shells()) {
            FrontEndShell.Run r = FrontEndShell.run(shell, script, env, tmp);
            seen.add(shell + ": " + r);
            assertTrue(r.status() == 0 || r.status() == 1, shell + " failed to run the test " + test + ": " + r);
            assertEquals("", r.err(), shell + " complained running " + test);
            if (result == null) {
                result = r.status() == 0;
            } else {
                assertEquals(result, r.status() == 0, "the shells disagree on " + test + ": " + seen);
            }
        }
        return result;
    }

    private boolean holds(Check check) throws Exception {
        return holds(check, Map.of());
    }

    // ---- GlobIs: jrun_glob_is against the planner's glob ---------------------------------------------

    /** A //FILES glob, a file that would match it, and one that would not. */
    record GlobCase(String word, String matching, String notMatching) {
    }

    private static final List<GlobCase> GLOBS = List.of(
            new GlobCase("data/*.txt", "data/new one.txt", "data/.new.txt"),
            new GlobCase("'data/sp ace dir/*'", "data/sp ace dir/e'f", "data/sp ace dir/.dot"),
            new GlobCase("'data/*/*.txt'", "data/sub/w.txt", "data/sub/deeper/n.txt"),
            new GlobCase("data/sub/deeper/?.txt", "data/sub/deeper/z.txt", "data/sub/deeper/zz.txt"),
            new GlobCase("\"data/*'*\"", "data/o'k", "data/.o'k"),
            new GlobCase("'data/[ap]*.txt'", "data/p2.txt", "data/b.txt"),
            new GlobCase("data/.hid/*.txt", "data/.hid/w.txt", "data/.hid/w.dat"),
            new GlobCase("'data/*&*|*'", "data/&|", "data/&"));

    @Test
    void aGlobCheckHoldsUntilAFileItMatchesIsAddedOrRemoved() throws Exception {
        for (GlobCase c : GLOBS) {
            Check.GlobIs glob = only(Check.GlobIs.class, plannedChecks("//FILES " + c.word()));
            assertFalse(glob.files().isEmpty(), c.word());
            assertTrue(holds(glob), c.word() + ": unchanged, with " + glob.files());

            Path added = proj.resolve(c.matching());
            Files.writeString(added, "new");
            assertFalse(holds(glob), c.word() + ": " + c.matching() + " added");
            Files.delete(added);
            assertTrue(holds(glob), c.word() + ": " + c.matching() + " removed again");

            Path other = proj.resolve(c.notMatching());
            Files.writeString(other, "other");
            assertTrue(holds(glob), c.word() + ": " + c.notMatching() + " added, which it does not match");
            Files.delete(other);

            Path gone = glob.files().get(glob.files().size() - 1);
            Path moved = tmp.resolve("moved");
            Files.move(gone, moved);
            assertFalse(holds(glob), c.word() + ": " + gone + " removed");
            Files.move(moved, gone);
            assertTrue(holds(glob), c.word() + ": " + gone + " back");
        }
    }

    @Test
    void aGlobCheckListsTheFilesAsShNamesThem() throws Exception {
        Check.GlobIs glob = only(Check.GlobIs.class, plannedChecks("//FILES data/*.txt"));
        Path data = proj.resolve("data");
        assertEquals(List.of(data.resolve("[ab].txt"), data.resolve("a b.txt"), data.resolve("it's.txt"), data.resolve("new\nline.txt"),
                data.resolve("plain.txt"), data.resolve("q\"uote.txt"), data.resolve("st*r.txt"), data.resolve("x&y|z.txt")),
                glob.files());
        // renamed within the match: the count is the same, the names are not
        Files.move(data.resolve("plain.txt"), data.resolve("plane.txt"));
        assertFalse(holds(glob));
    }

    @Test
    void aGlobOverADirectoryHoldingDirectories() throws Exception {
        // sh's * also names the directory data/sub/deeper, which is no input file
        Check.GlobIs glob = only(Check.GlobIs.class, plannedChecks("//FILES 'data/sub/*'"));
        assertEquals(List.of(proj.resolve("data/sub/x.txt")), glob.files());
        assertTrue(holds(glob), "unchanged, with " + glob.files());
    }

    @Test
    void aGlobThroughALinkToADirectory() throws Exception {
        Files.createSymbolicLink(proj.resolve("data/link"), proj.resolve("data/sub"));
        Check.GlobIs glob = only(Check.GlobIs.class, plannedChecks("//FILES 'data/*/*.txt'"));
        assertTrue(holds(glob), "unchanged, with " + glob.files());
    }

    // ---- DirsUnchanged: what sh cannot glob is watched through directory times -----------------------

    @Test
    void aDirsCheckHoldsUntilAWatchedDirectoryChanges() throws Exception {
        Check.DirsUnchanged dirs = only(Check.DirsUnchanged.class, plannedChecks("//FILES 'data/**.txt'"));
        Path data = proj.resolve("data");
        assertEquals(List.of(data, data.resolve("sp ace dir"), data.resolve("sub"), data.resolve("sub/deeper")), dirs.dirs());
        assertFalse(holds(dirs), "no stamp yet");

        // as the builder leaves it: the stamp has the time from before the directories were listed
        Instant listed = Instant.now().minusSeconds(30);
        Path stamp = Files.createFile(entry.resolve(Entry.DIRS_STAMP));
        Files.setLastModifiedTime(stamp, FileTime.from(listed));
        FileTime before = FileTime.from(listed.minusSeconds(30));
        for (Path d : dirs.dirs()) {
            Files.setLastModifiedTime(d, before);
        }
        assertTrue(holds(dirs));

        Files.writeString(data.resolve("sub/x.txt"), "changed content, same name");
        assertTrue(holds(dirs), "contents are the input sums' business, not this check's");

        Files.writeString(data.resolve("sub/deeper/new.txt"), "new");
        assertFalse(holds(dirs), "a file added two levels down");
        Files.setLastModifiedTime(data.resolve("sub/deeper"), before);
        assertTrue(holds(dirs));

        Files.move(data.resolve("sp ace dir/c.txt"), data.resolve("sp ace dir/c2.txt"));
        assertFalse(holds(dirs), "a file renamed");
        Files.setLastModifiedTime(data.resolve("sp ace dir"), before);
        assertTrue(holds(dirs));

        Files.delete(data.resolve("plain.txt"));
        assertFalse(holds(dirs), "a file removed");
        Files.setLastModifiedTime(data, before);
        assertTrue(holds(dirs));

        Files.delete(stamp);
        assertFalse(holds(dirs), "the stamp removed");
    }

    // ---- EnvIs ----------------------------------------------------------------------------------------

    private static Map<String, String> env(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        return env;
    }

    @Test
    void anEnvCheckTellsUnsetFromEmptyAndComparesExactly() throws Exception {
        String tricky = "a 'b' \"c\" $d `e` \\f * ?\nline two";
        Check.EnvIs set = new Check.EnvIs("JRUN_TEST_V", tricky);
        assertTrue(holds(set, env("JRUN_TEST_V", tricky)));
        assertFalse(holds(set, env("JRUN_TEST_V", tricky + " ")));
        assertFalse(holds(set, env("JRUN_TEST_V", "")));
        assertFalse(holds(set, Map.of()));

        Check.EnvIs empty = new Check.EnvIs("JRUN_TEST_V", "");
        assertTrue(holds(empty, env("JRUN_TEST_V", "")));
        assertFalse(holds(empty, Map.of()));
        assertFalse(holds(empty, env("JRUN_TEST_V", "x")));

        Check.EnvIs unset = new Check.EnvIs("JRUN_TEST_V", null);
        assertTrue(holds(unset, Map.of()));
        assertFalse(holds(unset, env("JRUN_TEST_V", "")));
        assertFalse(holds(unset, env("JRUN_TEST_V", "x")));
    }

    @Test
    void anEnvCheckOnANameShCannotReadNeverHolds() throws Exception {
        assertFalse(holds(new Check.EnvIs("A-B", "x"), env("A-B", "x")));
        assertFalse(holds(new Check.EnvIs("1X", null), Map.of()));
    }

    // ---- PathJavaIs: jrun_path_java_is against JdkFinder.firstJavaOnPath ------------------------------

    private Path javaStub(String dir) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path java = d.resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private Check.PathJavaIs pathJava(String path) {
        return new Check.PathJavaIs(new JdkFinder(Map.of("PATH", path)).firstJavaOnPath());
    }

    @Test
    void aPathJavaCheckHoldsWhilePathsFirstJavaIsTheSameFile() throws Exception {
        Path real = javaStub("jdk-a/bin");
        Path other = javaStub("jdk-b/bin");
        Path links = Files.createDirectories(tmp.resolve("alternatives"));
        Files.createSymbolicLink(links.resolve("java"), real);
        Path notExecutable = Files.createDirectories(tmp.resolve("no-x"));
        Files.writeString(notExecutable.resolve("java"), "");
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        String path = "::" + empty + ":" + notExecutable + ":" + links + ":" + other.getParent() + ":";
        Check.PathJavaIs check = pathJava(path);
        assertEquals(real.toRealPath(), check.realJava());
        assertTrue(holds(check, env("PATH", path)));
        assertTrue(holds(check, env("PATH", real.getParent() + ":" + other.getParent())), "the link's target itself");
        assertFalse(holds(check, env("PATH", other.getParent() + ":" + links)), "another java first");
        assertFalse(holds(check, env("PATH", empty.toString())), "no java at all");

        Files.delete(links.resolve("java"));
        Files.createSymbolicLink(links.resolve("java"), other);
        assertFalse(holds(check, env("PATH", path)), "the link now points elsewhere (update-alternatives)");
    }

    @Test
    void withoutJavaHomeThePlannerWatchesPathsJava() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin dir"));
        Path java = Path.of(System.getProperty("java.home"), "bin/java").toRealPath();
        Files.createSymbolicLink(bin.resolve("java"), java);
        Path script = Files.writeString(proj.resolve("p.java"), "class p { public static void main(String[] a) {} }\n");
        Planner planner = new Planner(new JdkFinder(Map.of("PATH", bin.toString(), "HOME", tmp.toString())), () -> {
            throw new AssertionError("no dependencies to resolve");
        });
        List<Check> checks = planner.plan(Script.read(script, "p.java"), new BuildOptions(null, false, false, false)).checks();
        Check.PathJavaIs check = only(Check.PathJavaIs.class, checks);
        assertEquals(java, check.realJava());
        assertTrue(holds(check, env("PATH", bin + ":/usr/bin:/bin")));
        Path other = javaStub("other/bin");
        assertFalse(holds(check, env("PATH", other.getParent() + ":" + bin)));
    }

    @Test
    void aPathJavaCheckForNoJavaHoldsWhileThereIsNone() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Check.PathJavaIs none = pathJava(empty.toString());
        assertNull(none.realJava());
        assertTrue(holds(none, env("PATH", empty.toString())));
        Path java = javaStub("later/bin");
        assertFalse(holds(none, env("PATH", empty + ":" + java.getParent())));
    }

    // ---- the others: plain test(1) expressions ---------------------------------------------------------

    @Test
    void fileChecks() throws Exception {
        Path jar = proj.resolve("data/it's.txt");
        assertTrue(holds(new Check.FileExists(jar)));
        assertFalse(holds(new Check.FileExists(proj.resolve("data/missing"))));
        assertTrue(holds(new Check.Executable(Path.of("/bin/sh"))));
        assertFalse(holds(new Check.Executable(jar)));

        Path appJar = Files.writeString(entry.resolve("app.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Check.FileUnmodified unmodified = new Check.FileUnmodified(jar);
        assertTrue(holds(unmodified));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertFalse(holds(unmodified), "written to after the entry's jar");
        Files.delete(appJar);
        assertFalse(holds(new Check.FileUnmodified(proj.resolve("data/missing"))));

        assertFalse(holds(new Check.Never("a glob sh cannot expand")));
    }

    @Test
    void filesAbsentHoldsUntilOneAppears() throws Exception {
        Check.FilesAbsent absent = new Check.FilesAbsent(List.of(proj.resolve("List.java"), proj.resolve("it's.java")));
        assertTrue(holds(absent));
        assertTrue(holds(new Check.FilesAbsent(List.of())), "none to check");
        Files.writeString(proj.resolve("it's.java"), "class x {}");
        assertFalse(holds(absent), "a file for a class the program names appeared");
        Files.delete(proj.resolve("it's.java"));
        Files.createDirectory(proj.resolve("List.java"));
        assertFalse(holds(absent), "a directory of that name is something javac would look at too");
    }

    @Test
    void theHelpersAreReadFromTheFrontEnd() throws IOException {
        String glob = FrontEndShell.function("jrun_glob_is");
        assertTrue(glob.startsWith("jrun_glob_is() {"), glob);
        assertTrue(glob.endsWith("\n}\n"), glob);
        try (Stream<String> lines = Files.lines(FrontEndShell.FILE)) {
            assertTrue(lines.anyMatch(l -> l.startsWith("jrun_path_java_is() {")));
        }
    }
}
