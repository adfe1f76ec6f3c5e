package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
    private static final Directive LINE = new Directive("DEPS", "(the line)", "s.java", 2);

    private static Properties system(String os, String arch) {
        Properties p = new Properties();
        p.setProperty("os.name", os);
        p.setProperty("os.arch", arch);
        p.setProperty("javafx.version", "21.0.1");
        return p;
    }

    private static Substitution linux(Map<String, String> env) {
        return new Substitution(env, system("Linux", "amd64"), Map.of());
    }

    @Test
    void systemPropertiesAndDefaults() {
        Substitution s = linux(Map.of());
        assertEquals("org.openjfx:javafx-base:21.0.1", s.apply("org.openjfx:javafx-base:${javafx.version}", LINE));
        assertEquals("g:a:1.0", s.apply("g:a:${undefined.version:1.0}", LINE));
        assertEquals("g:a:1.0:", s.apply("g:a:1.0:${undefined:}", LINE));
        assertEquals("id=https://h/r", s.apply("id=${repo.url:https://h/r}", LINE));
        assertEquals("no substitution at all", s.apply("no substitution at all", LINE));
        assertEquals(Map.of(), s.envUsed());
    }

    @Test
    void osDetectedGivesTheNativeClassifier() {
        Substitution s = linux(Map.of());
        assertEquals("io.netty:netty-transport-native-epoll:4.1.100.Final:linux-x86_64",
                s.apply("io.netty:netty-transport-native-epoll:4.1.100.Final:${os.detected.classifier}", LINE));
        assertEquals("linux x86_64 64 linux",
                s.apply("${os.detected.name} ${os.detected.arch} ${os.detected.bitness} ${os.detected.jfxname}", LINE));
    }

    @Test
    void osDetectedForOtherPlatforms() {
        assertEquals(Map.of("os.detected.name", "osx", "os.detected.arch", "aarch_64", "os.detected.classifier", "osx-aarch_64",
                "os.detected.bitness", "64", "os.detected.jfxname", "mac"), detected("Mac OS X", "aarch64"));
        assertEquals(Map.of("os.detected.name", "windows", "os.detected.arch", "x86_32", "os.detected.classifier",
                "windows-x86_32", "os.detected.bitness", "32", "os.detected.jfxname", "win"), detected("Windows 11", "x86"));
        assertEquals("linux-ppcle_64", detected("Linux", "ppc64le").get("os.detected.classifier"));
        assertEquals("linux-s390_64", detected("Linux", "s390x").get("os.detected.classifier"));
        assertEquals("freebsd-riscv64", detected("FreeBSD", "riscv64").get("os.detected.classifier"));
        assertEquals("unknown-unknown", detected("Plan 9", "mips").get("os.detected.classifier"));
        assertEquals("32", detected("Plan 9", "mips").get("os.detected.bitness"));
    }

    private static Map<String, String> detected(String os, String arch) {
        Properties into = new Properties();
        Substitution.osDetected(system(os, arch), into);
        Map<String, String> m = new HashMap<>();
        into.stringPropertyNames().forEach(n -> m.put(n, into.getProperty(n)));
        return m;
    }

    @Test
    void environmentVariablesReadAreRememberedEvenWhenUnset() {
        Map<String, String> env = new HashMap<>();
        env.put("NETTY_VERSION", "4.1.100.Final");
        env.put("EMPTY", "");
        Substitution s = linux(env);
        assertEquals("io.netty:netty-all:4.1.100.Final", s.apply("io.netty:netty-all:${env.NETTY_VERSION}", LINE));
        assertEquals("g:a:2", s.apply("g:a:${env.NOT_SET:2}", LINE));
        // set but empty is a value: the default is for unset only
        assertEquals("g:a:", s.apply("g:a:${env.EMPTY:3}", LINE));
        Map<String, String> used = new LinkedHashMap<>();
        used.put("EMPTY", "");
        used.put("NETTY_VERSION", "4.1.100.Final");
        used.put("NOT_SET", null);
        assertEquals(used, s.envUsed());
    }

    @Test
    void undefinedNamesAndOpenBracesAreErrorsNamingTheLine() {
        Substitution s = linux(Map.of());
        JrunException e = assertThrows(JrunException.class, () -> s.apply("g:a:${env.MY_VERSION}", LINE));
        assertEquals(ExitCode.SCRIPT, e.status());
        assertEquals("s.java:2: //DEPS: ${env.MY_VERSION} is not defined; set the environment variable MY_VERSION,"
                + " or give a default: ${env.MY_VERSION:value}", e.getMessage());
        e = assertThrows(JrunException.class, () -> s.apply("g:a:${nope}", LINE));
        assertEquals("s.java:2: //DEPS: ${nope} is not defined; it is neither a system property nor an os.detected.*"
                + " property, or give a default: ${nope:value}", e.getMessage());
        e = assertThrows(JrunException.class, () -> s.apply("g:a:${os.detected.name", LINE));
        assertEquals("s.java:2: //DEPS: 'g:a:${os.detected.name' has a '${' without its '}'; write ${name} or"
                + " ${name:default}", e.getMessage());
    }
}
