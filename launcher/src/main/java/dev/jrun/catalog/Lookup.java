package dev.jrun.catalog;

import java.util.List;
import java.util.Optional;

/** Where a resolver finds catalogs: the files the run sees, and catalogs by name or URL. */
public interface Lookup {
    /**
     * The catalogs an unqualified alias is looked up in, nearest first: jbang-catalog.json (or
     * .jbang/jbang-catalog.json) of the working directory and each directory above it, then the
     * user's own.
     */
    List<Catalog> local();

    /** The catalog at {@code ref}: an absolute path or a URL (read, or fetched and cached). */
    Catalog load(String ref);

    /** The GitHub base of implicit catalogs. */
    default String github() {
        return CatalogRef.GITHUB;
    }

    /** The catalog registered as {@code name} in one of the {@link #local()} catalogs (its catalogs), nearest first. */
    default Optional<Catalog> named(String name) {
        for (Catalog c : local()) {
            String ref = c.catalogs().get(name);
            if (ref != null) {
                return Optional.of(load(CatalogRef.withFile(c.resolve(ref))));
            }
        }
        return Optional.empty();
    }
}
