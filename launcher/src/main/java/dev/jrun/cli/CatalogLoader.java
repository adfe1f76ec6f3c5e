package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.catalog.Catalog;
import dev.jrun.catalog.CatalogFiles;
import dev.jrun.catalog.CatalogRef;
import dev.jrun.catalog.Lookup;
import dev.jrun.remote.RemoteUrl;
import dev.jrun.remote.UrlCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogs of this run: the files of {@link CatalogFiles}, and remote ones fetched into the
 * cache as scripts are ({@link UrlCache}: revalidated at most once an interval, used offline), each
 * only from a trusted URL ({@link TrustGate}), since an alias's options and dependencies run code.
 */
final class CatalogLoader implements Lookup {
    private final Environment env;
    private final CatalogFiles files;
    private final boolean offline;
    private final boolean fresh;
    private final TrustGate trust;
    /** --catalog: the one catalog unqualified aliases are looked up in (a path or a URL), or null. */
    private final String only;
    private final Map<String, Catalog> loaded = new HashMap<>();
    private List<Catalog> local;

    CatalogLoader(Environment env, boolean offline, boolean fresh, String only) {
        this.env = env;
        this.files = CatalogFiles.of(env.vars(), env.home());
        this.offline = offline;
        this.fresh = fresh;
        this.trust = new TrustGate(env);
        this.only = only == null || only.isEmpty() ? null
                : RemoteUrl.isUrl(only) ? only : env.dir().resolve(only).toAbsolutePath().normalize().toString();
    }

    static CatalogLoader current(boolean offline, boolean fresh) {
        return current(offline, fresh, null);
    }

    /** With {@code catalog} (--catalog FILE|URL, or null): the catalog used instead of the files here and the user's. */
    static CatalogLoader current(boolean offline, boolean fresh, String catalog) {
        return new CatalogLoader(Environment.current(), offline, fresh, catalog);
    }

    CatalogFiles files() {
        return files;
    }

    @Override
    public List<Catalog> local() {
        if (local == null && only != null) {
            local = List.of(load(only));
        }
        if (local == null) {
            local = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            for (Path f : files.chain(env.dir(), ignored)) {
                local.add(load(f.toString()));
            }
            ignored.forEach(i -> System.err.println("jrun: warning: ignoring the catalog " + i
                    + ": another user could choose what it runs"));
        }
        return local;
    }

    @Override
    public String github() {
        String g = env.get("JRUN_GITHUB_URL");
        return g != null ? g : CatalogRef.GITHUB;
    }

    @Override
    public Catalog load(String ref) {
        return loaded.computeIfAbsent(ref, r -> {
            try {
                return RemoteUrl.isUrl(r) ? fetch(r) : read(Path.of(r));
            } catch (JrunException e) {
                throw e;
            } catch (Exception e) {
                throw new JrunException(ExitCode.REMOTE, "catalog " + r + ": " + e.getMessage());
            }
        });
    }

    private static Catalog read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new JrunException(ExitCode.USAGE, "catalog " + file + ": no such file; check the path (jrun catalog"
                    + " list shows the catalogs jrun knows)");
        }
        return Catalog.parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().normalize().toString());
    }

    private Catalog fetch(String url) throws Exception {
        String raw = RemoteUrl.toRaw(url);
        RemoteUrl.check(raw, env.vars());
        trust.check(raw, "read its catalog", "not read");
        UrlCache cache = new UrlCache(env.cacheRoot(), env.vars(), trust::allows, System.err, Instant.now());
        Path file = cache.file(raw, Catalog.FILE_NAME, offline, fresh);
        return Catalog.parse(Files.readString(file, StandardCharsets.UTF_8), raw);
    }
}
