package dev.jrun.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.script.Directive;
import org.junit.jupiter.api.Test;

class RepoTest {
    private static final Directive LINE = new Directive("REPOS", "(the line)", "s.java", 5);

    private static Repo parse(String word) {
        return Repo.parse(word, LINE);
    }

    private static String error(String word) {
        JrunException e = assertThrows(JrunException.class, () -> parse(word));
        assertEquals(ExitCode.SCRIPT, e.status());
        return e.getMessage();
    }

    @Test
    void shortNamesAreJBangs() {
        assertEquals(new Repo("google", "https://maven.google.com/", LINE), parse("google"));
        assertEquals(new Repo("jitpack", "https://jitpack.io/", LINE), parse("JitPack"));
        assertEquals(new Repo("central", Repo.CENTRAL_URL, LINE), parse("mavenCentral"));
        assertEquals(new Repo("central", Repo.CENTRAL_URL, LINE), parse("central"));
    }

    @Test
    void anIdNamesAUrlOrAShortName() {
        assertEquals(new Repo("corp", "https://repo.corp.example/maven2/", LINE), parse("corp=https://repo.corp.example/maven2"));
        assertEquals(new Repo("corp", "https://repo.corp.example/maven2/", LINE), parse("corp=https://repo.corp.example/maven2/"));
        assertEquals(new Repo("mine", "https://jitpack.io/", LINE), parse("mine=jitpack"));
        assertEquals(new Repo("local", "file:///srv/repo/", LINE), parse("local=file:///srv/repo"));
    }

    @Test
    void aBareUrlGetsAnIdFromItsHostAndPath() {
        assertEquals(new Repo("repo.corp.example-maven2", "https://repo.corp.example/maven2/", LINE),
                parse("https://repo.corp.example/maven2/"));
        assertEquals(new Repo("localhost", "http://localhost:8080/", LINE), parse("http://localhost:8080"));
        assertEquals(new Repo("srv-my-repo", "file:///srv/my%20repo/", LINE), parse("file:///srv/my%20repo"));
        // an '=' after a ':' is the URL's own, not id=URL
        assertEquals(new Repo("host-r", "https://host/r?a=b/", LINE), parse("https://host/r?a=b"));
    }

    @Test
    void whatIsNotARepositorySaysHowToWriteOne() {
        String how = "; write //REPOS id=https://host/path, or one of central, google, jitpack (several separated by spaces or commas)";
        assertEquals("s.java:5: //REPOS: 'ftp://host/r' is not a repository" + how, error("ftp://host/r"));
        assertEquals("s.java:5: //REPOS: 'nonsense' is not a repository" + how, error("nonsense"));
        assertEquals("s.java:5: //REPOS: 'https:///no-host' is not a repository" + how, error("https:///no-host"));
        assertEquals("s.java:5: //REPOS: 'x=https://a b/' is not a repository" + how, error("x=https://a b/"));
        assertEquals("s.java:5: //REPOS: 'a/b' is not a repository id (letters, digits, '.', '-', '_')",
                error("a/b=https://host/"));
    }

    @Test
    void plainHttpIsInsecureButOnThisMachine() {
        assertTrue(Repo.insecure("http://repo.corp.example/maven2/"));
        assertTrue(Repo.insecure("HTTP://10.0.0.1/"));
        assertFalse(Repo.insecure("https://repo.corp.example/"));
        assertFalse(Repo.insecure("http://localhost:8080/"));
        assertFalse(Repo.insecure("http://127.0.0.1:8080/"));
        assertFalse(Repo.insecure("http://[::1]:8080/"));
        assertFalse(Repo.insecure("file:///srv/repo/"));
        assertFalse(Repo.insecure("not a uri"));
    }

    @Test
    void printsIdAndUrl() {
        assertEquals("central (https://repo.maven.apache.org/maven2/)", Repo.CENTRAL.toString());
    }
}
