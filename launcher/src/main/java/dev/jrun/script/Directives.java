package dev.jrun.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The directives of a script and of the files its //SOURCES name, in the order they were read
 * (the script's own first). Each accessor reads the lines it needs; their values are checked
 * where they are used (the planner, the builder), so that errors can name the line.
 */
public record Directives(List<Directive> all) {

    /** Every directive of these names, in order. */
    public List<Directive> named(String... names) {
        Predicate<Directive> wanted = d -> List.of(names).contains(d.name());
        return all.stream().filter(wanted).toList();
    }

    /** The last directive of one of these names, if any: a later line overrides an earlier one. */
    public Optional<Directive> last(String... names) {
        List<Directive> found = named(names);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** //JAVA N or N+. */
    public Optional<Directive> java() {
        return last("JAVA");
    }

    /** //JAVA_OPTIONS and //RUNTIME_OPTIONS, split into words. */
    public List<String> javaOptions() {
        return words("JAVA_OPTIONS", "RUNTIME_OPTIONS");
    }

    /** //COMPILE_OPTIONS and //JAVAC_OPTIONS, split into words. */
    public List<String> compileOptions() {
        return words("COMPILE_OPTIONS", "JAVAC_OPTIONS");
    }

    public List<Directive> sources() {
        return named("SOURCES");
    }

    public List<Directive> files() {
        return named("FILES");
    }

    public List<Directive> deps() {
        return named("DEPS");
    }

    public List<Directive> repos() {
        return named("REPOS");
    }

    public Optional<Directive> main() {
        return last("MAIN");
    }

    public boolean preview() {
        return !named("PREVIEW").isEmpty();
    }

    /** //NOAOT: never start this script from a class-data-sharing archive or AOT cache. */
    public boolean noAot() {
        return !named("NOAOT").isEmpty();
    }

    public Optional<String> description() {
        List<Directive> found = named("DESCRIPTION");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        found.forEach(d -> lines.add(d.value()));
        return Optional.of(String.join("\n", lines));
    }

    private List<String> words(String... names) {
        List<String> words = new ArrayList<>();
        named(names).forEach(d -> words.addAll(d.words()));
        return words;
    }
}
