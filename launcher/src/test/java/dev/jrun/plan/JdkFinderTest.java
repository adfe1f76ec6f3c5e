package dev.jrun.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK selection over fake JDK homes (a release file, executable bin/java and bin/javac stubs). The
 * finder also looks in /usr/lib/jvm and the like, which may hold real JDKs: the fakes have feature
 * releases (80 and up) no real one has yet, so the choices below do not depend on the machine.
 */
class JdkFinderTest {
    @TempDir
    Path tmp;

    private Path jdk(String name, String version) throws IOException {
        return jdk(name, "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n", true);
    }

    private Path jdk(String name, String release, boolean javac) throws IOException {
        Path home = tmp.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), release);
        stub(home.resolve("bin/java"));
        if (javac) {
            stub(home.resolve("bin/javac"));
        }
        return home.toRealPath();
    }

    private static void stub(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** An environment with HOME in the temp dir (no SDKMAN or IntelliJ JDKs of the user's). */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("PATH", tmp.resolve("empty-bin").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void readsAHomeByItsReleaseFile() throws IOException {
        Path home = jdk("jdk-81", "81.0.2");
        Jdk jdk = JdkFinder.read(home).orElseThrow();
        assertEquals(home, jdk.home());
        assertEquals(81, jdk.major());
        assertEquals("81.0.2", jdk.version());
        assertTrue(jdk.release().contains("IMPLEMENTOR=\"Test\""));
        assertEquals(home.resolve("bin/java"), jdk.java());
        assertFalse(jdk.isCurrent());
    }

    @Test
    void whatIsNotAJdkIsNotRead() throws IOException {
        assertEquals(Optional.empty(), JdkFinder.read(jdk("jre", "JAVA_VERSION=\"81\"\n", false)));
        assertEquals(Optional.empty(), JdkFinder.read(jdk("no-version", "IMPLEMENTOR=\"x\"\n", true)));
        assertEquals(Optional.empty(), JdkFinder.read(jdk("bad-version", "JAVA_VERSION=\"abc\"\n", true)));
        assertEquals(Optional.empty(), JdkFinder.read(tmp.resolve("missing")));
        Path noRelease = jdk("no-release", "", true);
        Files.delete(noRelease.resolve("release"));
        assertEquals(Optional.empty(), JdkFinder.read(noRelease));
    }

    @Test
    void theRunningJdkIsCurrent() throws IOException {
        Jdk current = JdkFinder.read(Path.of(System.getProperty("java.home"))).orElseThrow();
        assertTrue(current.isCurrent());
        assertEquals(Runtime.version().feature(), current.major());
    }

    @Test
    void majorOfOldAndNewVersionStrings() {
        assertEquals(8, JdkFinder.major("1.8.0_392"));
        assertEquals(17, JdkFinder.major("17.0.15"));
        assertEquals(21, JdkFinder.major("21"));
        assertEquals(26, JdkFinder.major("26-ea"));
    }

    @Test
    void javaHomeIsTheDefault() throws IOException {
        Path a = jdk("jdk-81", "81.0.1");
        Path b = jdk("jdk-82", "82.0.1");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", a.toString(), "PATH", b.resolve("bin").toString()));
        assertEquals(a, f.defaultJdk().orElseThrow().home());
        assertFalse(f.defaultFromPath());
        assertEquals(a, f.select(null, "s.java").home());
    }

    @Test
    void withoutJavaHomeTheDefaultIsPathsJavaWithItsLinksResolved() throws IOException {
        Path a = jdk("jdk-81", "81.0.1");
        Path bin = Files.createDirectories(tmp.resolve("alternatives"));
        Files.createSymbolicLink(bin.resolve("java"), a.resolve("bin/java"));
        Path notJava = Files.createDirectories(tmp.resolve("other-bin"));
        Files.writeString(notJava.resolve("java"), "not executable");
        Map<String, String> env = env("PATH", "::" + notJava + ":" + bin + ":/usr/bin");
        JdkFinder f = new JdkFinder(env);
        assertEquals(a, f.defaultJdk().orElseThrow().home());
        assertTrue(f.defaultFromPath());
        assertEquals(a.resolve("bin/java"), f.firstJavaOnPath());
        // JAVA_HOME that is not a JDK does not count
        env.put("JAVA_HOME", tmp.resolve("nothing-here").toString());
        assertTrue(new JdkFinder(env).defaultFromPath());
        assertEquals(a, new JdkFinder(env).defaultJdk().orElseThrow().home());
    }

    @Test
    void noJavaOnPath() {
        JdkFinder f = new JdkFinder(env());
        assertNull(f.firstJavaOnPath());
        assertTrue(f.defaultJdk().isEmpty());
    }

    @Test
    void allListsTheDefaultFirstAndEachJdkOnce() throws IOException {
        Path a = jdk("jdk-81", "81.0.1");
        Path b = jdk("jdk-82", "82.0.1");
        Path c = jdk("jdk-83", "83");
        Files.createSymbolicLink(tmp.resolve("link-to-83"), c);
        JdkFinder f = new JdkFinder(env("JAVA_HOME", b.toString(),
                "JRUN_JDKS", a + ":" + b + "::" + tmp.resolve("link-to-83") + ":" + c + ":" + tmp.resolve("missing")));
        List<Path> homes = f.all().stream().map(Jdk::home).toList();
        assertEquals(List.of(b, a, c), homes.subList(0, 3));
        assertEquals(homes.size(), homes.stream().distinct().count());
    }

    @Test
    void theDefaultWhenItSatisfiesTheRequirementElseTheNewestThatDoes() throws IOException {
        Path a = jdk("jdk-81", "81.0.1");
        Path b = jdk("jdk-82", "82.0.1");
        Path c = jdk("jdk-83", "83.0.1");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", b.toString(), "JRUN_JDKS", a + ":" + c));
        assertEquals(b, f.select(JavaRequirement.parse("81+"), "s.java:1: //JAVA 81+").home());
        assertEquals(b, f.select(JavaRequirement.parse("82"), "s.java:1: //JAVA 82").home());
        assertEquals(a, f.select(JavaRequirement.parse("81"), "s.java:1: //JAVA 81").home());
        assertEquals(c, f.select(JavaRequirement.parse("83+"), "s.java:1: //JAVA 83+").home());
    }

    @Test
    void aDefaultTooOldForJrunIsPassedOverForTheNewest() throws IOException {
        Path old = jdk("jdk-11", "11.0.20");
        Path a = jdk("jdk-81", "81.0.1");
        Path c = jdk("jdk-83", "83.0.1");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", old.toString(), "JRUN_JDKS", a + ":" + c));
        assertEquals(old, f.defaultJdk().orElseThrow().home());
        assertEquals(c, f.select(null, "s.java").home());
        assertEquals(c, f.select(JavaRequirement.parse("11+"), "--java 11+").home());
    }

    @Test
    void noJdkSatisfiesTheRequirement() throws IOException {
        Path a = jdk("jdk-81", "81.0.1");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", a.toString()));
        JrunException e = assertThrows(JrunException.class, () -> f.select(JavaRequirement.parse("99"), "s.java:2: //JAVA 99"));
        assertEquals(ExitCode.NO_JDK, e.status());
        assertTrue(e.getMessage().startsWith("s.java:2: //JAVA 99 needs JDK 99, and none is installed; found: 81 at " + a),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(". Install it with: jrun jdk install 99 (or point JAVA_HOME or JRUN_JDKS at one)"),
                e.getMessage());
        e = assertThrows(JrunException.class, () -> f.select(JavaRequirement.parse("99+"), "--java 99+"));
        assertTrue(e.getMessage().startsWith("--java 99+ needs JDK 99 or newer, and none is installed; found: 81 at "),
                e.getMessage());
    }

    @Test
    void anExactReleaseBelowJrunsMinimumIsRefused() throws IOException {
        Path a = jdk("jdk-11", "11.0.20");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", a.toString()));
        JrunException e = assertThrows(JrunException.class, () -> f.select(JavaRequirement.parse("11"), "s.java:3: //JAVA 11"));
        assertEquals(ExitCode.NO_JDK, e.status());
        assertEquals("s.java:3: //JAVA 11: jrun runs scripts on JDK 17 or newer; write //JAVA 17+ (or --java 17+) if the"
                + " script runs there", e.getMessage());
    }

    @Test
    void jrunsOwnJdksAreFoundAndTheConfiguredDefaultWins() throws IOException {
        Path own = jdk("home/.local/share/jrun/jdks/82", "82.0.1");
        Path a = jdk("jdk-81", "81.0.1");
        JdkFinder f = new JdkFinder(env("JAVA_HOME", a.toString()));
        assertTrue(f.all().stream().anyMatch(j -> j.home().equals(own)), f.all().toString());
        assertTrue(f.own().owns(own));
        assertFalse(f.own().owns(a));
        assertEquals(own, f.select(JavaRequirement.parse("82"), "s.java:1: //JAVA 82").home());
        assertEquals(a, f.defaultJdk().orElseThrow().home());
        assertEquals("JAVA_HOME", f.defaultSource());

        Files.createDirectories(f.own().defaultFile().getParent());
        Files.writeString(f.own().defaultFile(), own + "\n");
        assertEquals(own, f.defaultJdk().orElseThrow().home());
        assertEquals(own, f.select(null, null).home());
        assertEquals(own, f.select(JavaRequirement.parse("81+"), "--java 81+").home());
        assertEquals("jrun jdk default", f.defaultSource());
        assertFalse(f.defaultFromPath());
        assertEquals(own, f.all().get(0).home());

        // a default that is no longer a JDK (uninstalled) is passed over
        Files.writeString(f.own().defaultFile(), tmp.resolve("gone") + "\n");
        assertEquals(a, f.defaultJdk().orElseThrow().home());
        assertEquals("JAVA_HOME", f.defaultSource());
    }

    @Test
    void xdgDirectoriesNameWhereJrunsJdksAndItsDefaultAre() {
        OwnJdks own = OwnJdks.of(env("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c"));
        assertEquals(Path.of("/d/jrun/jdks"), own.dir());
        assertEquals(Path.of("/d/jrun/jdks/21"), own.home(21));
        assertEquals(Path.of("/c/jrun/default-jdk"), own.defaultFile());
        OwnJdks relative = OwnJdks.of(env("XDG_DATA_HOME", "d", "XDG_CONFIG_HOME", "c"));
        assertEquals(tmp.resolve("home/.local/share/jrun/jdks"), relative.dir());
        assertEquals(tmp.resolve("home/.config/jrun/default-jdk"), relative.defaultFile());
    }
}
