package dev.jrun.catalog;

/**
 * Where the catalog of {@code ALIAS@CATALOG} is, when CATALOG is no catalog's name: JBang's implicit
 * catalogs. {@code ORG} is the file jbang-catalog.json of the repository ORG/jbang-catalog on GitHub
 * (its default branch, HEAD), {@code ORG/REPO} that of ORG/REPO, {@code ORG/REPO/REF} that of a branch,
 * tag or commit, and {@code ...~PATH} the one in the directory PATH; a CATALOG with a dot in it is a
 * host and path ({@code example.com/tools}: https://example.com/tools/jbang-catalog.json), a URL is
 * itself. JRUN_GITHUB_URL stands for https://github.com (tests, mirrors).
 */
public final class CatalogRef {
    public static final String GITHUB = "https://github.com";

    private CatalogRef() {
    }

    /** The URL of CATALOG's jbang-catalog.json; {@code github}: GitHub's base URL (no trailing '/'). */
    public static String url(String catalog, String github) {
        if (Catalog.isUrl(catalog)) {
            return withFile(catalog);
        }
        String[] parts = catalog.split("~", 2);
        String path = parts.length == 2 ? parts[1].replaceAll("^/+|/+$", "") + "/" : "";
        String[] names = parts[0].split("/", 3);
        if (names[0].contains(".")) {
            return withFile("https://" + catalog);
        }
        String repo = names.length >= 2 && !names[1].isEmpty() ? names[1] : "jbang-catalog";
        String ref = names.length == 3 && !names[2].isEmpty() ? names[2] : "HEAD";
        String base = github.endsWith("/") ? github.substring(0, github.length() - 1) : github;
        return base + "/" + names[0] + "/" + repo + "/blob/" + ref + "/" + path + Catalog.FILE_NAME;
    }

    /** A catalog ref that names a directory (does not end in .json) stands for its jbang-catalog.json. */
    public static String withFile(String ref) {
        if (ref.endsWith(".json")) {
            return ref;
        }
        return ref + (ref.endsWith("/") ? "" : "/") + Catalog.FILE_NAME;
    }

    /** Whether a catalog's name can be an implicit catalog (ORG, ORG/REPO[/REF][~PATH], or HOST/PATH). */
    public static boolean plausible(String catalog) {
        return Catalog.isUrl(catalog) || catalog.matches("[A-Za-z0-9][-A-Za-z0-9_.]*(/[-A-Za-z0-9_.]+){0,2}(~[-A-Za-z0-9_./]+)?");
    }
}
