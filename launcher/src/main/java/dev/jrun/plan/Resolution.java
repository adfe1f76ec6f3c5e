package dev.jrun.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What resolving a script's dependencies gave.
 *
 * @param classpath the jars, in class path order
 * @param checks    what must stay true for the cache entry to stay valid (the jars still exist, the
 *                  environment variables used in //DEPS keep their values)
 * @param key       text that identifies the resolution, for the cache key
 */
public record Resolution(List<Path> classpath, List<Check> checks, String key) {
    public static final Resolution NONE = new Resolution(List.of(), List.of(), "");
}
