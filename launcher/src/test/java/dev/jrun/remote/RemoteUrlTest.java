package dev.jrun.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.JrunException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteUrlTest {
    @Test
    void codeHostPagesBecomeTheirRawFiles() {
        assertEquals("https://raw.githubusercontent.com/me/tools/main/src/hello.java",
                RemoteUrl.toRaw("https://github.com/me/tools/blob/main/src/hello.java"));
        assertEquals("https://gitlab.com/me/tools/-/raw/main/hello.java",
                RemoteUrl.toRaw("https://gitlab.com/me/tools/-/blob/main/hello.java"));
        assertEquals("https://bitbucket.org/me/tools/raw/main/hello.java",
                RemoteUrl.toRaw("https://bitbucket.org/me/tools/src/main/hello.java"));
        assertEquals("https://gist.githubusercontent.com/me/0a1b2c/raw",
                RemoteUrl.toRaw("https://gist.github.com/me/0a1b2c"));
        assertEquals("https://example.com/hello.java", RemoteUrl.toRaw("https://example.com/hello.java"));
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        RemoteUrl.check("http://127.0.0.1:8080/a.java", Map.of());
        RemoteUrl.check("http://localhost/a.java", Map.of());
        JrunException e = assertThrows(JrunException.class, () -> RemoteUrl.check("http://example.com/a.java", Map.of()));
        assertEquals(9, e.status());
        RemoteUrl.check("http://example.com/a.java", Map.of("JRUN_ALLOW_HTTP", "1"));
        RemoteUrl.check("https://example.com/a.java", Map.of());
    }

    @Test
    void aPrefixMatchesAtABoundaryOnly() {
        assertTrue(TrustList.matches("https://example.com", "https://example.com/a.java"));
        assertFalse(TrustList.matches("https://example.com", "https://example.com.evil.org/a.java"));
        assertTrue(TrustList.matches("https://example.com/me/", "https://example.com/me/a.java"));
        assertFalse(TrustList.matches("https://example.com/me", "https://example.com/meevil/a.java"));
        assertTrue(TrustList.matches("example.com", "https://example.com/x.java"));
        assertFalse(TrustList.matches("example.com", "http://example.com/x.java"));
        assertEquals("https://example.com/me/", TrustList.prefixOf("https://example.com/me/a.java"));
    }
}
