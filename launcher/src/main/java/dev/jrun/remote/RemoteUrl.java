package dev.jrun.remote;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What jrun accepts as a script's URL, and the raw file a web page of a code host stands for. */
public final class RemoteUrl {
    private static final Pattern GITHUB_BLOB = Pattern.compile("https://github\\.com/([^/]+)/([^/]+)/blob/(.+)");
    private static final Pattern GITLAB_BLOB = Pattern.compile("(https://gitlab\\.com/.+)/-/blob/(.+)");
    private static final Pattern BITBUCKET_SRC = Pattern.compile("(https://bitbucket\\.org/[^/]+/[^/]+)/src/(.+)");
    private static final Pattern GIST = Pattern.compile("https://gist\\.github\\.com/([^/]+)/([0-9a-fA-F]+)/?");

    private RemoteUrl() {
    }

    public static boolean isUrl(String arg) {
        return arg.startsWith("https://") || arg.startsWith("http://");
    }

    /**
     * The raw file behind a code host's page, as JBang maps them: a GitHub, GitLab or Bitbucket
     * "blob" (source view) page, and a gist (its raw text; a gist of one file). Anything else as is.
     */
    public static String toRaw(String url) {
        Matcher m = GITHUB_BLOB.matcher(url);
        if (m.matches()) {
            return "https://raw.githubusercontent.com/" + m.group(1) + "/" + m.group(2) + "/" + m.group(3);
        }
        m = GITLAB_BLOB.matcher(url);
        if (m.matches()) {
            return m.group(1) + "/-/raw/" + m.group(2);
        }
        m = BITBUCKET_SRC.matcher(url);
        if (m.matches()) {
            return m.group(1) + "/raw/" + m.group(2);
        }
        m = GIST.matcher(url);
        if (m.matches()) {
            return "https://gist.githubusercontent.com/" + m.group(1) + "/" + m.group(2) + "/raw";
        }
        return url;
    }

    /**
     * {@code url} parsed, if jrun may fetch it: https, or http to this machine's loopback (or
     * anywhere with JRUN_ALLOW_HTTP=1, as for repositories): plain http elsewhere could be changed
     * on its way.
     */
    public static URI check(String url, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new JrunException(ExitCode.USAGE, url + ": not a valid URL: " + e.getReason() + "; check it");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new JrunException(ExitCode.USAGE, url + ": not an http(s) URL with a host; check it");
        }
        boolean allowHttp = "1".equals(env.get("JRUN_ALLOW_HTTP")) || "true".equals(env.get("JRUN_ALLOW_HTTP"));
        if (scheme.equals("http") && !allowHttp && !loopback(uri.getHost())) {
            throw new JrunException(ExitCode.REMOTE, url + ": plain http:// is refused for a host other than this machine"
                    + " (anyone on the way could change the script); use https://, or set JRUN_ALLOW_HTTP=1 to allow it");
        }
        return uri;
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name is not looked up for this: only literal addresses
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
