package dev.jrun.jdk;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.remote.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The foojay Disco API (the one JBang and SDKMAN ask): which Temurin JDK package of a feature release
 * there is for this machine, where to download it and its checksum. {@code JRUN_DISCO_URL} replaces
 * the default base, {@code https://api.foojay.io}.
 */
public final class Disco {
    public static final String DEFAULT_URL = "https://api.foojay.io";

    private final String base;
    private final HttpClient client;

    /**
     * A package to download.
     *
     * @param javaVersion  its full version as the API names it, 21.0.5+11
     * @param filename     the archive's file name
     * @param download     where to fetch it
     * @param sha256       its SHA-256, lower-case hex
     */
    public record Package(String javaVersion, String filename, URI download, String sha256) {
    }

    public Disco(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** JRUN_DISCO_URL's, else foojay's. */
    public static Disco of(Map<String, String> env) {
        String url = env.get("JRUN_DISCO_URL");
        return new Disco(url == null || url.isBlank() ? DEFAULT_URL : url.strip());
    }

    public HttpClient client() {
        return client;
    }

    /** This machine's architecture as the API names it. */
    public static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> throw new JrunException(ExitCode.SYSTEM, "jrun installs JDKs for x64 and aarch64 Linux, not "
                    + arch + "; install one with your package manager and point JRUN_JDKS at it");
        };
    }

    /** The newest generally available Temurin JDK {@code major} for this machine, with its checksum. */
    public Package find(int major) {
        String query = "version=" + major + "&distribution=temurin&architecture=" + architecture()
                + "&archive_type=tar.gz&operating_system=linux&package_type=jdk&release_status=ga&latest=available";
        Map<?, ?> packages = get(base + "/disco/v3.0/packages?" + query);
        List<?> result = list(packages.get("result"));
        Map<?, ?> pkg = null;
        for (Object o : result) {
            if (o instanceof Map<?, ?> m && "tar.gz".equals(m.get("archive_type")) && m.get("id") instanceof String) {
                pkg = m;
                break;
            }
        }
        if (pkg == null) {
            throw new JrunException(ExitCode.REMOTE, "no Temurin JDK " + major + " for Linux " + architecture() + " at "
                    + base + " (the foojay Disco API); check the release (jrun jdk install 21), or install one with"
                    + " your package manager");
        }
        String id = (String) pkg.get("id");
        // (the package's links.pkg_info_uri names the same, on the API's own host: a JRUN_DISCO_URL mirror
        // is asked instead)
        String info = base + "/disco/v3.0/ids/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        Map<?, ?> details = get(info);
        List<?> detail = list(details.get("result"));
        if (detail.isEmpty() || !(detail.get(0) instanceof Map<?, ?> d)) {
            throw bad(info, "no package details");
        }
        String url = text(d.get("direct_download_uri"));
        if (url.isEmpty()) {
            throw bad(info, "no direct_download_uri");
        }
        String type = text(d.get("checksum_type")).toLowerCase(java.util.Locale.ROOT);
        String sum = text(d.get("checksum")).toLowerCase(java.util.Locale.ROOT);
        if (sum.isEmpty() && !text(d.get("checksum_uri")).isEmpty()) {
            // some distributions publish the sum in a file beside the archive: "HEX  NAME"
            sum = fetchText(text(d.get("checksum_uri"))).strip().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
            type = type.isEmpty() ? "sha256" : type;
        }
        if (!type.equals("sha256") || !sum.matches("[0-9a-f]{64}")) {
            throw bad(info, "no SHA-256 checksum (checksum_type '" + type + "')");
        }
        String filename = text(d.get("filename"));
        if (filename.isEmpty()) {
            filename = text(pkg.get("filename"));
        }
        String version = text(pkg.get("java_version"));
        return new Package(version.isEmpty() ? Integer.toString(major) : version, filename, URI.create(url), sum);
    }

    private static JrunException bad(String url, String what) {
        return new JrunException(ExitCode.REMOTE, url + ": " + what + " in the Disco API's answer; try again later,"
                + " or set JRUN_DISCO_URL to another Disco API");
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String text(Object o) {
        return o instanceof String s ? s.strip() : "";
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private Map<?, ?> get(String url) {
        String body = fetchText(url);
        try {
            if (JsonReader.read(body) instanceof Map<?, ?> m) {
                return m;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new JrunException(ExitCode.REMOTE, url + ": not the Disco API's JSON; check JRUN_DISCO_URL");
    }

    private String fetchText(String url) {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "jrun").header("Accept", "application/json").build();
        } catch (IllegalArgumentException e) {
            throw new JrunException(ExitCode.REMOTE, url + ": not a URL; check JRUN_DISCO_URL");
        }
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new JrunException(ExitCode.REMOTE, url + ": HTTP " + r.statusCode()
                        + " from the Disco API; try again later, or check JRUN_DISCO_URL");
            }
            return r.body();
        } catch (IOException e) {
            throw new JrunException(ExitCode.REMOTE, url + ": cannot reach the Disco API (" + reason(e)
                    + "); check the network (or JRUN_DISCO_URL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.REMOTE, url + ": interrupted");
        }
    }
}
