package dev.jrun.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsTest {
    @TempDir
    Path home;

    private Path settings(String body) throws Exception {
        Path file = home.resolve(".m2/settings.xml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "<settings>\n" + body + "</settings>\n");
    }

    private static RemoteRepository repo(String id, String url) {
        return new RemoteRepository.Builder(id, "default", url).build();
    }

    @Test
    void noSettingsFileMeansMavensDefaults() {
        UserSettings s = UserSettings.load(Map.of(), home);
        assertNull(s.file);
        assertNull(s.localRepository());
        assertFalse(s.offline());
        assertTrue(s.profileRepositories().isEmpty());
        assertNull(s.mirrors().getMirror(repo("central", Repo.CENTRAL_URL)));
    }

    @Test
    void readsWhatTheResolverUsesInterpolated() throws Exception {
        Path file = settings("""
                  <localRepository>${user.home}/repo-${env.JRUN_TEST_SUFFIX}</localRepository>
                  <offline>true</offline>
                  <mirrors>
                    <mirror><id>corp</id><url>https://mirror.corp.example/m2</url><mirrorOf>central</mirrorOf></mirror>
                  </mirrors>
                  <proxies>
                    <proxy><id>off</id><active>false</active><protocol>https</protocol><host>off.example</host><port>1</port></proxy>
                    <proxy><id>on</id><protocol>https</protocol><host>proxy.corp.example</host><port>3128</port>
                      <username>me</username><password>secret</password><nonProxyHosts>*.internal</nonProxyHosts></proxy>
                  </proxies>
                  <servers>
                    <server><id>corp</id><username>deploy</username><password>pw</password></server>
                  </servers>
                  <profiles>
                    <profile><id>listed</id><repositories>
                      <repository><id>listed-repo</id><url>https://listed.example/m2</url>
                        <snapshots><enabled>false</enabled></snapshots></repository>
                    </repositories></profile>
                    <profile><id>default</id><activation><activeByDefault>true</activeByDefault></activation><repositories>
                      <repository><id>default-repo</id><url>https://default.example/m2</url></repository>
                    </repositories></profile>
                    <profile><id>inactive</id><repositories>
                      <repository><id>inactive-repo</id><url>https://inactive.example/m2</url></repository>
                    </repositories></profile>
                  </profiles>
                  <activeProfiles><activeProfile>listed</activeProfile></activeProfiles>
                """);
        UserSettings s = UserSettings.load(Map.of("JRUN_TEST_SUFFIX", "x"), home);
        assertEquals(file, s.file);
        assertEquals(home.resolve("repo-x"), s.localRepository());
        assertTrue(s.offline());

        assertEquals("https://mirror.corp.example/m2", s.mirrors().getMirror(repo("central", Repo.CENTRAL_URL)).getUrl());
        assertNull(s.mirrors().getMirror(repo("other", "https://other.example/")));

        var proxy = s.proxies().getProxy(repo("r", "https://repo.example/m2/"));
        assertEquals("proxy.corp.example:3128", proxy.getHost() + ":" + proxy.getPort());
        assertTrue(proxy.getAuthentication() != null);
        assertNull(s.proxies().getProxy(repo("r", "https://build.internal/m2/")));

        assertTrue(s.servers().getAuthentication(repo("corp", "https://x.example/")) != null);
        assertNull(s.servers().getAuthentication(repo("nobody", "https://x.example/")));

        List<RemoteRepository> repos = s.profileRepositories();
        assertEquals(List.of("listed-repo", "default-repo"), repos.stream().map(RemoteRepository::getId).toList());
        assertFalse(repos.get(0).getPolicy(true).isEnabled());
        assertTrue(repos.get(0).getPolicy(false).isEnabled());
    }

    @Test
    void jrunSettingsNamesAnotherFile() throws Exception {
        Path other = Files.writeString(home.resolve("other.xml"), "<settings><offline>true</offline></settings>");
        UserSettings s = UserSettings.load(Map.of("JRUN_SETTINGS", other.toString()), home);
        assertEquals(other, s.file);
        assertTrue(s.offline());

        JrunException e = assertThrows(JrunException.class,
                () -> UserSettings.load(Map.of("JRUN_SETTINGS", home.resolve("missing.xml").toString()), home));
        assertEquals(ExitCode.DEPENDENCY, e.status());
        assertEquals("JRUN_SETTINGS=" + home.resolve("missing.xml") + ": no such file; point it at a Maven settings.xml or unset it",
                e.getMessage());
    }

    @Test
    void aBrokenFileIsAnErrorNamingItsLine() throws Exception {
        Path file = settings("  <offline>true</offline>\n  <mirrors><mirror>\n</settings>\n");
        JrunException e = assertThrows(JrunException.class, () -> UserSettings.load(Map.of(), home));
        assertEquals(ExitCode.DEPENDENCY, e.status());
        assertTrue(e.getMessage().startsWith(file + ":4: not a valid Maven settings file: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; fix it (Maven reads it too)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anEncryptedPasswordWithoutItsMasterIsAnError() throws Exception {
        Path file = settings("  <servers><server><id>corp</id><username>u</username>"
                + "<password>{COQLCE6DU6GtcS5P=}</password></server></servers>\n");
        JrunException e = assertThrows(JrunException.class, () -> UserSettings.load(Map.of(), home));
        assertEquals(ExitCode.DEPENDENCY, e.status());
        assertTrue(e.getMessage().startsWith(file + ": cannot decrypt a password: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; check " + home.resolve(".m2/settings-security.xml")), e.getMessage());
    }
}
