package dev.jrun.remote;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The URL prefixes the user trusts: {@code $XDG_CONFIG_HOME/jrun/trusted-sources} (else
 * {@code ~/.config/jrun/}), one a line, private; and, read only, JBang's
 * {@code ~/.jbang/trusted-sources.json}. A prefix matches a URL that starts with it at a boundary
 * (so {@code https://example.com} is not {@code https://example.com.evil.org}); a prefix without a
 * scheme stands for its https:// form, as in JBang.
 */
public final class TrustList {
    private final Path file;
    private final Path jbangFile;

    public TrustList(Path file, Path jbangFile) {
        this.file = file;
        this.jbangFile = jbangFile;
    }

    public static TrustList of(Map<String, String> env, Path home) {
        return new TrustList(dev.jrun.UserDirs.config(env, home).resolve("trusted-sources"),
                dev.jrun.UserDirs.jbang(env, home).resolve("trusted-sources.json"));
    }

    public Path file() {
        return file;
    }

    /** jrun's own prefixes. */
    public List<String> own() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new JrunException(ExitCode.REMOTE, "cannot read the trust list " + file + ": " + e.getMessage() + "; fix its permissions");
        }
    }

    /** JBang's prefixes (none if it has no file, or an unreadable one: it is JBang's to fix). */
    public List<String> jbang() {
        try {
            if (!Files.isRegularFile(jbangFile)) {
                return List.of();
            }
            Object v = JsonReader.read(Files.readString(jbangFile));
            Object list = v instanceof Map<?, ?> m ? m.get("trustedSources") : v;
            List<String> out = new ArrayList<>();
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof String s && !s.isBlank()) {
                        out.add(s.strip());
                    }
                }
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    public boolean trusts(String url) {
        for (List<String> list : List.of(own(), jbang())) {
            for (String p : list) {
                if (matches(p, url)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean matches(String prefix, String url) {
        String p = prefix.contains("://") ? prefix : "https://" + prefix;
        if (!url.startsWith(p)) {
            return false;
        }
        if (url.length() == p.length() || p.endsWith("/")) {
            return true;
        }
        char next = url.charAt(p.length());
        // the prefix ends the host (then a port or a path follows) or a path segment
        return next == '/' || next == '?' || next == '#' || (next == ':' && !p.substring(p.indexOf("://") + 3).contains("/"));
    }

    /** The prefix to offer for {@code url}: its directory. */
    public static String prefixOf(String url) {
        int q = url.indexOf('?');
        String u = q < 0 ? url : url.substring(0, q);
        int slash = u.lastIndexOf('/');
        return slash > u.indexOf("://") + 2 ? u.substring(0, slash + 1) : u + "/";
    }

    public void add(String prefix) {
        List<String> all = new ArrayList<>(own());
        if (!all.contains(prefix)) {
            all.add(prefix);
        }
        write(all);
    }

    /** Removes {@code prefix}; false if it was not there. */
    public boolean remove(String prefix) {
        List<String> all = new ArrayList<>(own());
        boolean removed = all.remove(prefix);
        if (removed) {
            write(all);
        }
        return removed;
    }

    private void write(List<String> all) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, ".trusted-sources", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder text = new StringBuilder("# URL prefixes whose scripts jrun runs (jrun trust add|list|remove)\n");
            for (String p : all) {
                text.append(p).append('\n');
            }
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new JrunException(ExitCode.REMOTE, "cannot write the trust list " + file + ": " + e.getMessage()
                    + "; check the permissions of " + file.getParent());
        }
    }
}
