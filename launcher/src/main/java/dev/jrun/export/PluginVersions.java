package dev.jrun.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin versions jrun's own build uses, which an exported project names, so that a machine that
 * built jrun has them in its local repository and can build the project with {@code mvn -o}. They are
 * {@code plugins.properties}, filled in by the build from the parent pom's properties: a version bump
 * there reaches export.
 */
final class PluginVersions {
    private static final Properties VERSIONS = load();

    private PluginVersions() {
    }

    /** The version of the plugin whose artifactId is {@code plugin}. */
    static String of(String plugin) {
        String v = VERSIONS.getProperty(plugin);
        if (v == null || v.isEmpty() || v.contains("${")) {
            throw new IllegalStateException("dev/jrun/export/plugins.properties has no version of " + plugin + ": " + v);
        }
        return v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = PluginVersions.class.getResourceAsStream("plugins.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/jrun/export/plugins.properties is missing from jrun's jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
