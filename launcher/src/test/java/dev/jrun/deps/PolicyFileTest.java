package dev.jrun.deps;

import dev.jrun.JrunException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFileTest {
    static PolicyFile policy(String... lines) {
        return PolicyFile.parse(Path.of("/p"), List.of(lines));
    }

    @Test
    void denyMatchesGroupsArtifactsAndVersionRanges() {
        PolicyFile p = policy("# comment", "deny org.evil.*   # and below", "deny com.example:words:[,1.1)", "");
        assertEquals(Optional.of("denied by /p:2 (deny org.evil.*)"), p.refuses("org.evil", "x", "1"));
        assertTrue(p.refuses("org.evil.sub", "x", "1").isPresent());
        assertTrue(p.refuses("org.evilish", "x", "1").isEmpty());
        assertTrue(p.refuses("com.example", "words", "1.0").isPresent());
        assertTrue(p.refuses("com.example", "words", "1.1").isEmpty());
        assertTrue(p.refuses("com.example", "greet", "1.0").isEmpty());
    }

    @Test
    void anExactVersionDeniesOnlyThatVersion() {
        PolicyFile p = policy("deny com.example:words:1.1");
        assertTrue(p.refuses("com.example", "words", "1.1").isPresent());
        assertTrue(p.refuses("com.example", "words", "1.0").isEmpty());
    }

    @Test
    void anAllowListIsExhaustiveAndDenyWins() {
        PolicyFile p = policy("allow com.example", "deny com.example:words");
        assertTrue(p.refuses("com.example", "greet", "1").isEmpty());
        assertEquals(Optional.of("not on the allow list of /p"), p.refuses("org.other", "x", "1"));
        assertTrue(p.refuses("com.example", "words", "1").get().startsWith("denied by /p:2"));
    }

    @Test
    void repositoriesByIdOrUrlPrefix() {
        PolicyFile p = policy("deny repo https://jitpack.io", "allow repo central", "allow repo http://127.0.0.1:8080/");
        assertTrue(p.refusesRepo(List.of("jp"), List.of("https://jitpack.io/")).get().startsWith("denied by /p:1"));
        assertTrue(p.refusesRepo(List.of("central"), List.of("https://repo.maven.apache.org/maven2/")).isEmpty());
        assertTrue(p.refusesRepo(List.of("t"), List.of("http://127.0.0.1:8080/x/")).isEmpty());
        assertTrue(p.refusesRepo(List.of("t"), List.of("http://127.0.0.1:9090/")).isPresent());
        // artifact rules alone do not make a repository allow list
        assertTrue(policy("allow com.example").refusesRepo(List.of("t"), List.of("https://x/")).isEmpty());
    }

    @Test
    void aBadLineIsAnErrorThatNamesIt() {
        JrunException e = assertThrows(JrunException.class, () -> policy("", "permit com.example"));
        assertTrue(e.getMessage().startsWith("/p:2: not a policy rule: 'permit' is neither allow nor deny"), e.getMessage());
        e = assertThrows(JrunException.class, () -> policy("deny com.example:words:[1"));
        assertTrue(e.getMessage().contains("'[1' is not a version or a Maven range"), e.getMessage());
    }

    @Test
    void theUserFileFollowsXdgConfigHome() {
        assertEquals(List.of(Path.of("/etc/jrun/policy"), Path.of("/x/jrun/policy")),
                DependencyPolicy.locations(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")));
        assertEquals(Path.of("/h/.config/jrun/policy"), DependencyPolicy.locations(Map.of("HOME", "/h")).get(1));
    }

    @Test
    void aPolicyCostsTheCachedRunOneBuiltinTestAFileAndNoPolicyNone() {
        assertEquals(List.of(), DependencyPolicy.NONE.checks());
        DependencyPolicy one = new DependencyPolicy(List.of(policy("deny x")), false);
        assertEquals(List.of("! [ '/p' -nt \"$entry/policy.stamp\" ]"),
                one.checks().stream().map(dev.jrun.cache.ShellTest::of).toList());
    }
}
