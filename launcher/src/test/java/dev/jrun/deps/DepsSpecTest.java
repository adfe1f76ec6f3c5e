package dev.jrun.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.DirectiveParser;
import dev.jrun.script.Directives;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DepsSpecTest {
    private static DepsSpec spec(Map<String, String> env, String... lines) {
        Properties system = new Properties();
        system.setProperty("os.name", "Linux");
        system.setProperty("os.arch", "amd64");
        return DepsSpec.of(new Directives(DirectiveParser.parse(List.of(lines), "s.java")), env, system);
    }

    private static DepsSpec spec(String... lines) {
        return spec(Map.of(), lines);
    }

    private static List<String> deps(DepsSpec s) {
        return s.deps().stream().map(Coordinate::toString).toList();
    }

    @Test
    void wordsAreSeparatedBySpacesAndCommasAndEndAtAComment() {
        DepsSpec s = spec("//DEPS a:b:1,c:d:2  e:f:[1.0,2.0) // g:h:1 is commented out", "//DEPS 'i:j:3', k:l:4+");
        assertEquals(List.of("a:b:1", "c:d:2", "e:f:[1.0,2.0)", "i:j:3", "k:l:[4,)"), deps(s));
        assertEquals(List.of(), s.boms());
        assertEquals(List.of(Repo.CENTRAL), s.repos());
        assertEquals(2, s.deps().get(3).directive().line());
    }

    @Test
    void aVersionMadeOfSeveralRangesIsOneWord() {
        assertEquals(List.of("g:a:(,1.0],[1.2,)", "x:y:1"), deps(spec("//DEPS g:a:(,1.0],[1.2,),x:y:1")));
    }

    @Test
    void aBomSuppliesVersions() {
        DepsSpec s = spec("//DEPS org.junit:junit-bom:5.10.0@pom org.junit.jupiter:junit-jupiter-api");
        assertEquals(List.of("org.junit:junit-bom:5.10.0@pom"), s.boms().stream().map(Coordinate::toString).toList());
        assertEquals(List.of("org.junit.jupiter:junit-jupiter-api"), deps(s));
        assertEquals(List.of("dep org.junit:junit-bom:5.10.0@pom", "dep org.junit.jupiter:junit-jupiter-api",
                "repo central https://repo.maven.apache.org/maven2/"), s.lockLines());
    }

    @Test
    void aVersionNobodySuppliesIsAnError() {
        JrunException e = assertThrows(JrunException.class, () -> spec("class x {}", "//DEPS a:b"));
        assertEquals(ExitCode.SCRIPT, e.status());
        assertEquals("s.java:2: //DEPS: 'a:b' has no version, and no BOM (//DEPS group:bom:version@pom) supplies one; write "
                + Coordinate.FORM, e.getMessage());
        e = assertThrows(JrunException.class, () -> spec("//DEPS a:bom@pom"));
        assertEquals("s.java:1: //DEPS: the BOM 'a:bom@pom' needs a version; write a:bom:VERSION@pom", e.getMessage());
    }

    @Test
    void namedRepositoriesReplaceCentral() {
        DepsSpec s = spec("//REPOS corp=https://repo.corp.example/m2,google", "//REPOS corp=https://repo.corp.example/m2/");
        assertEquals(List.of("corp", "google"), s.repos().stream().map(Repo::id).toList());
        s = spec("//REPOS central jitpack");
        assertEquals(List.of("central", "jitpack"), s.repos().stream().map(Repo::id).toList());
        assertEquals(List.of("repo central https://repo.maven.apache.org/maven2/", "repo jitpack https://jitpack.io/"), s.lockLines());
    }

    @Test
    void oneIdForTwoUrlsIsAnError() {
        JrunException e = assertThrows(JrunException.class,
                () -> spec("//REPOS corp=https://a.example/", "//REPOS corp=https://b.example/"));
        assertEquals("s.java:2: //REPOS: repository id 'corp' is already https://a.example/ (s.java:1); give this one another"
                + " id: //REPOS other=https://b.example/", e.getMessage());
    }

    @Test
    void substitutionAppliesAndRemembersTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("NETTY", "4.1.100.Final");
        env.put("REPO", "https://repo.corp.example/m2");
        DepsSpec s = spec(env, "//DEPS io.netty:netty-transport-native-epoll:${env.NETTY}:${os.detected.classifier}",
                "//REPOS corp=${env.REPO}");
        assertEquals(List.of("io.netty:netty-transport-native-epoll:4.1.100.Final:linux-x86_64"), deps(s));
        assertEquals("https://repo.corp.example/m2/", s.repos().get(0).url());
        assertEquals(Map.of("NETTY", "4.1.100.Final", "REPO", "https://repo.corp.example/m2"), s.envUsed());
    }
}
