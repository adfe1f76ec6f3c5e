package dev.jrun.deps;

import dev.jrun.script.Directive;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A remote repository: from //REPOS ({@code [id=]url} or a short name, as JBang has them), or Maven
 * Central when a script names none.
 *
 * @param id        its id: what settings.xml's servers (credentials) and mirrors refer to
 * @param url       its URL
 * @param directive the line that names it, or null for the default
 */
public record Repo(String id, String url, Directive directive) {
    static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
    static final Repo CENTRAL = new Repo("central", CENTRAL_URL, null);

    /** JBang's short names. */
    private static final Map<String, String> ALIASES = Map.of(
            "central", CENTRAL_URL,
            "mavencentral", CENTRAL_URL,
            "google", "https://maven.google.com/",
            "jitpack", "https://jitpack.io/",
            "jcenter", "https://jcenter.bintray.com/");

    /** One word of a //REPOS line. */
    static Repo parse(String word, Directive d) {
        int eq = word.indexOf('=');
        String id;
        String url;
        if (eq > 0 && !word.substring(0, eq).contains(":")) {
            id = word.substring(0, eq);
            url = word.substring(eq + 1);
            if (!id.matches("[A-Za-z0-9_.\\-]+")) {
                throw d.error("'" + id + "' is not a repository id (letters, digits, '.', '-', '_')");
            }
            url = ALIASES.getOrDefault(url.toLowerCase(Locale.ROOT), url);
        } else if (ALIASES.containsKey(word.toLowerCase(Locale.ROOT))) {
            String alias = word.toLowerCase(Locale.ROOT);
            id = alias.equals("mavencentral") ? "central" : alias;
            url = ALIASES.get(alias);
        } else {
            url = word;
            id = null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http") || scheme.equals("file"))
                || (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty()))) {
            throw d.error("'" + word + "' is not a repository; write //REPOS id=https://host/path, or one of "
                    + "central, google, jitpack (several separated by spaces or commas)");
        }
        if (id == null) {
            // A bare URL gets a readable id from its host and path; write id=URL to match settings.xml
            String hostPath = (uri.getHost() == null ? "" : uri.getHost()) + (uri.getPath() == null ? "" : uri.getPath());
            id = hostPath.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        }
        return new Repo(id, url.endsWith("/") ? url : url + "/", d);
    }

    /** Plain http:// to a host other than this machine's loopback address. */
    static boolean insecure(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
