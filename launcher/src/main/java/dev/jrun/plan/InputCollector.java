package dev.jrun.plan;

import dev.jrun.Hashing;
import dev.jrun.script.Directive;
import dev.jrun.script.DirectiveParser;
import dev.jrun.script.Directives;
import dev.jrun.script.GrabAnnotations;
import dev.jrun.script.Script;
import dev.jrun.script.Settle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Collects the files a build reads: the script, the //SOURCES files (whose own directives count
 * too, //SOURCES included) and the //FILES resources. Paths and globs are relative to the real
 * directory of the file that names them, so a script reached through a symbolic link still finds
 * them. Globs also yield checks, so that a file added to or removed from a glob's match is noticed.
 */
final class InputCollector {
    private final List<Directive> directives = new ArrayList<>();
    private final Set<Path> seen = new LinkedHashSet<>();
    private final List<Plan.Source> sources = new ArrayList<>();
    private final List<Plan.Resource> resources = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<InputFiles.Glob> globs = new ArrayList<>();
    private final Path cwd;

    private InputCollector(Path cwd) {
        this.cwd = cwd;
    }

    static Result collect(Script script) {
        return collect(script, List.of(), Path.of("").toAbsolutePath());
    }

    /**
     * @param extra directives from jrun's command line ({@code --deps}, {@code -s}, ...): they come
     *              after the script's own, and their paths are relative to the working directory
     */
    static Result collect(Script script, List<Directive> extra, Path cwd) {
        InputCollector c = new InputCollector(cwd);
        c.seen.add(script.realPath());
        List<Directive> own = c.read(script);
        c.directives.addAll(own);
        c.addSources(own, script.dir());
        c.addResources(own, script.dir());
        List<Directive> given = c.javaDeps(extra);
        c.directives.addAll(given);
        c.addSources(given, cwd);
        c.addResources(given, cwd);
        Plan.Inputs inputs = new Plan.Inputs(script, new Directives(List.copyOf(c.directives)),
                List.copyOf(c.sources), List.copyOf(c.resources));
        return new Result(inputs, List.copyOf(c.checks), List.copyOf(c.globs));
    }

    /** What was collected; {@code globs} are the //SOURCES and //FILES globs, each with its directory. */
    record Result(Plan.Inputs inputs, List<Check> checks, List<InputFiles.Glob> globs) {
    }

    /** A file's directives: its //NAME lines and its @Grab annotations, with //DEPS FILE.java read as //SOURCES. */
    private List<Directive> read(Script file) {
        List<Directive> found = new ArrayList<>(DirectiveParser.parse(file.lines(), file.name()));
        found.addAll(GrabAnnotations.parse(file.text(), file.name()));
        return javaDeps(found);
    }

    /**
     * JBang's {@code //DEPS Two.java}: a source file named as a dependency is compiled with the
     * script, its own directives counting too, as if it were named by //SOURCES.
     */
    private List<Directive> javaDeps(List<Directive> from) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : from) {
            if (d.name().equals("JAVAAGENT")) {
                out.add(d);
                // an agent named by its coordinates is resolved as a dependency (so jrun lock sees it
                // too), without its own dependencies: a -javaagent jar is one jar
                for (String word : d.words()) {
                    String agent = Agents.target(word);
                    refuseRemote(d, agent);
                    if (Agents.isCoordinate(agent)) {
                        out.add(new Directive("DEPS", Directive.quote(agent.contains("@") ? agent : agent + "@fatjar"),
                                d.file(), d.line()));
                    }
                }
                continue;
            }
            if (!d.name().equals("DEPS")) {
                refuseRemote(d);
                out.add(d);
                continue;
            }
            List<String> files = new ArrayList<>();
            List<String> coords = new ArrayList<>();
            for (String word : d.words()) {
                if (word.equals("//")) {
                    break; // the rest of the line is a comment
                }
                refuseRemote(d, word);
                (word.endsWith(".java") ? files : coords).add(word);
            }
            if (files.isEmpty()) {
                out.add(d);
                continue;
            }
            for (String f : files) {
                out.add(new Directive("SOURCES", Directive.quote(f), d.file(), d.line()));
            }
            if (!coords.isEmpty()) {
                StringBuilder v = new StringBuilder();
                coords.forEach(w -> v.append(v.length() == 0 ? "" : " ").append(Directive.quote(w)));
                out.add(new Directive("DEPS", v.toString(), d.file(), d.line()));
            }
        }
        return out;
    }

    /** What JBang fetches over the network or builds with other compilers, refused by name, not by javac. */
    private static void refuseRemote(Directive d) {
        if (d.name().equals("SOURCES") || d.name().equals("FILES")) {
            for (String word : d.words()) {
                refuseRemote(d, word.substring(word.indexOf('=') + 1));
            }
        }
    }

    private static void refuseRemote(Directive d, String word) {
        if (word.matches("(?i)(https?|ftp|file)://.*")) {
            throw d.error(word + ": remote files are not supported by jrun; download it beside the script and name"
                    + " the local file" + (d.name().equals("DEPS") ? ", or name the artifact as group:artifact:version" : ""));
        }
        if (word.matches(".*\\.(kt|groovy|jsh|md)") && !d.name().equals("FILES")) {
            throw d.error(word + ": jrun compiles Java only (.java files); run scripts in other languages with JBang");
        }
    }

    private void addSources(List<Directive> from, Path dir) {
        for (Directive d : from) {
            if (!d.name().equals("SOURCES")) {
                continue;
            }
            for (String word : d.words()) {
                for (Path file : expand(d, dir, word)) {
                    Path real = realPath(d, file);
                    if (!seen.add(real)) {
                        continue;
                    }
                    String name = displayName(real);
                    Script source = Script.read(real, name);
                    sources.add(new Plan.Source(source));
                    List<Directive> own = read(source);
                    directives.addAll(own);
                    addSources(own, real.getParent());
                    addResources(own, real.getParent());
                }
            }
        }
    }

    private void addResources(List<Directive> from, Path dir) {
        for (Directive d : from) {
            if (!d.name().equals("FILES")) {
                continue;
            }
            for (String word : d.words()) {
                int eq = word.indexOf('=');
                String target = eq < 0 ? null : word.substring(0, eq);
                String source = eq < 0 ? word : word.substring(eq + 1);
                if (source.isEmpty() || (target != null && target.isEmpty())) {
                    throw d.error("'" + word + "' is not of the form FILE or TARGET=FILE");
                }
                boolean glob = isGlob(source);
                for (Path file : expand(d, dir, source)) {
                    Path real = realPath(d, file);
                    String place;
                    if (target == null) {
                        // JBang's placement: at the root of the class path (res/a.properties is
                        // /a.properties); below a glob's fixed directories, their layout is kept
                        place = glob ? dir.resolve(source.substring(0, prefixLength(source))).normalize()
                                .relativize(file.normalize()).toString() : file.getFileName().toString();
                    } else if (glob || target.endsWith("/")) {
                        place = normalized(target) + "/" + file.getFileName();
                    } else {
                        place = normalized(target);
                    }
                    if (place.startsWith("../") || place.startsWith("/")) {
                        throw d.error("'" + word + "' would place a file outside the jar; name a target: TARGET=" + source);
                    }
                    resources.add(resource(d, place, real));
                }
            }
        }
    }

    /** //FILES may be data, not only text: up to this much a file. */
    private static final long MAX_RESOURCE_BYTES = 256L << 20;

    private static Plan.Resource resource(Directive d, String place, Path real) {
        try {
            byte[] bytes = Settle.read(real, d.where() + ": //FILES " + real, MAX_RESOURCE_BYTES);
            return new Plan.Resource(place, real, bytes, Hashing.of(bytes));
        } catch (IOException e) {
            throw d.error(real + ": cannot read: " + e.getMessage());
        }
    }

    private static String normalized(String path) {
        String p = Path.of(path).normalize().toString();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private List<Path> expand(Directive d, Path dir, String word) {
        if (!isGlob(word)) {
            Path file = dir.resolve(word);
            if (!Files.isRegularFile(file)) {
                throw d.error(word + ": " + (Files.exists(file) ? "not a file" : "no such file")
                        + " (paths are relative to " + dir + ")");
            }
            return List.of(file);
        }
        Path base = dir.resolve(word.substring(0, prefixLength(word))).normalize();
        if (base.getParent() == null) {
            throw d.error(word + ": would search the whole file system; name a directory to search in");
        }
        globs.add(new InputFiles.Glob(dir, word));
        List<Path> found;
        try {
            found = glob(dir, word);
        } catch (UncheckedIOException e) {
            throw d.error(word + ": cannot list the files it matches (" + e.getCause().getMessage()
                    + "); name files below the script's directory");
        }
        if (found.size() > MAX_GLOB_FILES) {
            throw d.error(word + ": matches more than " + MAX_GLOB_FILES + " files; name fewer (globs are relative to "
                    + dir + ")");
        }
        if (found.isEmpty()) {
            throw d.error(word + ": matches no file (globs are relative to " + dir + ")");
        }
        if (word.contains("**") || word.contains("{")) {
            List<Path> dirs;
            try {
                dirs = directories(dir.resolve(word.substring(0, prefixLength(word))).normalize());
            } catch (UncheckedIOException e) {
                throw d.error(word + ": cannot list its directories (" + e.getCause().getMessage() + ")");
            }
            checks.add(dirs.size() <= MAX_WATCHED_DIRS ? new Check.DirsUnchanged(dirs)
                    : new Check.Never("the glob " + word + " spans too many directories; the builder checks it"));
        } else {
            List<Path> shNames = found.stream().map(f -> Path.of(dir + "/" + word.substring(0, prefixLength(word))
                    + dir.resolve(word.substring(0, prefixLength(word))).relativize(f))).toList();
            checks.add(new Check.GlobIs(dir, word, shNames));
        }
        return found;
    }

    /** The files {@code pattern} matches below {@code dir}, sorted, hidden files left out as sh does. */
    static List<Path> glob(Path dir, String pattern) {
        int prefix = prefixLength(pattern);
        Path base = dir.resolve(pattern.substring(0, prefix)).normalize();
        String rest = pattern.substring(prefix);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        // (links to directories are followed, as sh's glob follows them; a loop is an error)
        try (Stream<Path> walk = Files.walk(base, FileVisitOption.FOLLOW_LINKS)) {
            // (one more than allowed is enough to refuse the glob: a walk of / must not go on for ever)
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(base.relativize(p)))
                    .filter(p -> !hidden(base.relativize(p)))
                    .limit(MAX_GLOB_FILES + 1)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A //SOURCES or //FILES glob may match at most this many files. */
    private static final int MAX_GLOB_FILES = 10_000;

    /** A glob sh cannot expand is watched through the times of at most this many directories. */
    private static final int MAX_WATCHED_DIRS = 256;

    /** {@code base} and the directories below it, hidden ones left out as the glob leaves them out. */
    private static List<Path> directories(Path base) {
        try (Stream<Path> walk = Files.walk(base, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isDirectory)
                    .filter(p -> p.equals(base) || !hidden(base.relativize(p)))
                    .sorted()
                    .limit(MAX_WATCHED_DIRS + 1)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The length of the pattern's leading directories that hold no glob character. */
    private static int prefixLength(String pattern) {
        int firstGlob = 0;
        while (firstGlob < pattern.length() && "*?[{".indexOf(pattern.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        return pattern.lastIndexOf('/', firstGlob) + 1;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isGlob(String word) {
        return word.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    private static Path realPath(Directive d, Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw d.error(file + ": cannot read: " + e.getMessage());
        }
    }

    /** A path as messages show it: relative to the working directory when it is below it. */
    private String displayName(Path real) {
        return real.startsWith(cwd) ? cwd.relativize(real).toString() : real.toString();
    }
}
