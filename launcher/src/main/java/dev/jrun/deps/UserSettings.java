package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * Maven's user settings, read the way Maven reads them (maven-settings-builder: interpolated, and
 * passwords decrypted with ~/.m2/settings-security.xml), turned into what the resolver uses:
 * the local repository, offline, mirrors, proxies, server credentials, and the repositories of
 * active profiles. The file is {@code JRUN_SETTINGS} if set, else {@code ~/.m2/settings.xml}.
 */
final class UserSettings {
    final Path file;
    final Settings settings;

    private UserSettings(Path file, Settings settings) {
        this.file = file;
        this.settings = settings;
    }

    static UserSettings load(Map<String, String> env, Path home) {
        String custom = env.get("JRUN_SETTINGS");
        Path file = custom != null && !custom.isEmpty() ? Path.of(custom) : home.resolve(".m2/settings.xml");
        if (!Files.isRegularFile(file)) {
            if (custom != null && !custom.isEmpty()) {
                throw new JrunException(ExitCode.DEPENDENCY, "JRUN_SETTINGS=" + custom
                        + ": no such file; point it at a Maven settings.xml or unset it");
            }
            return new UserSettings(null, new Settings());
        }
        DefaultSettingsBuildingRequest req = new DefaultSettingsBuildingRequest();
        req.setUserSettingsFile(file.toFile());
        Properties sys = new Properties();
        sys.putAll(System.getProperties());
        sys.setProperty("user.home", home.toString());
        env.forEach((k, v) -> sys.setProperty("env." + k, v));
        req.setSystemProperties(sys);
        Settings settings;
        try {
            settings = new DefaultSettingsBuilderFactory().newInstance().build(req).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            SettingsProblem p = e.getProblems().isEmpty() ? null : e.getProblems().get(0);
            throw new JrunException(ExitCode.DEPENDENCY, file + (p == null ? "" : ":" + Math.max(p.getLineNumber(), 1))
                    + ": not a valid Maven settings file: " + (p == null ? e.getMessage() : p.getMessage())
                    + "; fix it (Maven reads it too)", e);
        }
        if (needsDecryption(settings)) {
            Path security = home.resolve(".m2/settings-security.xml");
            DefaultSecDispatcher dispatcher = new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                    System.getProperty("settings.security", security.toString()));
            SettingsDecryptionResult r = new DefaultSettingsDecrypter(dispatcher)
                    .decrypt(new DefaultSettingsDecryptionRequest(settings));
            if (!r.getProblems().isEmpty()) {
                throw new JrunException(ExitCode.DEPENDENCY, file + ": cannot decrypt a password: "
                        + r.getProblems().get(0).getMessage() + "; check " + security);
            }
            settings.setServers(r.getServers());
            settings.setProxies(r.getProxies());
        }
        return new UserSettings(file, settings);
    }

    private static boolean needsDecryption(Settings s) {
        for (Server server : s.getServers()) {
            if (encrypted(server.getPassword()) || encrypted(server.getPassphrase())) {
                return true;
            }
        }
        for (Proxy p : s.getProxies()) {
            if (encrypted(p.getPassword())) {
                return true;
            }
        }
        return false;
    }

    private static boolean encrypted(String s) {
        return s != null && s.contains("{") && s.contains("}");
    }

    /** settings.xml's localRepository, or null. */
    Path localRepository() {
        String l = settings.getLocalRepository();
        return l == null || l.isBlank() ? null : Path.of(l.strip());
    }

    boolean offline() {
        return settings.isOffline();
    }

    DefaultMirrorSelector mirrors() {
        DefaultMirrorSelector ms = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            ms.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        return ms;
    }

    DefaultProxySelector proxies() {
        DefaultProxySelector ps = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            Authentication auth = p.getUsername() == null ? null
                    : new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
            ps.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth),
                    p.getNonProxyHosts());
        }
        return ps;
    }

    DefaultAuthenticationSelector servers() {
        DefaultAuthenticationSelector as = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            AuthenticationBuilder b = new AuthenticationBuilder();
            if (s.getUsername() != null) {
                b.addUsername(s.getUsername());
            }
            if (s.getPassword() != null) {
                b.addPassword(s.getPassword());
            }
            if (s.getPrivateKey() != null) {
                b.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            }
            as.add(s.getId(), b.build());
        }
        return as;
    }

    /** The repositories of the profiles that are active (activeProfiles, or active by default). */
    List<RemoteRepository> profileRepositories() {
        List<RemoteRepository> out = new ArrayList<>();
        List<String> active = settings.getActiveProfiles();
        for (Profile p : settings.getProfiles()) {
            boolean on = active.contains(p.getId())
                    || (p.getActivation() != null && p.getActivation().isActiveByDefault());
            if (!on) {
                continue;
            }
            for (org.apache.maven.settings.Repository r : p.getRepositories()) {
                RemoteRepository.Builder b = new RemoteRepository.Builder(r.getId(), "default", r.getUrl());
                b.setReleasePolicy(policy(r.getReleases()));
                b.setSnapshotPolicy(policy(r.getSnapshots()));
                out.add(b.build());
            }
        }
        return out;
    }

    private static RepositoryPolicy policy(org.apache.maven.settings.RepositoryPolicy p) {
        if (p == null) {
            return new RepositoryPolicy();
        }
        return new RepositoryPolicy(p.isEnabled(), p.getUpdatePolicy(), p.getChecksumPolicy());
    }
}
