package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.cache.CacheGc;
import dev.jrun.cache.CachedEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jrun cache list|clear|gc}: the cache entries, and their removal. */
@Command(name = "cache", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Shows or empties jrun's cache of compiled scripts (see JRUN_CACHE_DIR).",
            "",
            "An entry is one script as built for one JDK and options. Entries unused for 30 days are "
                + "removed automatically, in the background, at most once a day."},
        subcommands = {CacheCommand.ListEntries.class, CacheCommand.Clear.class, CacheCommand.Gc.class})
public final class CacheCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new JrunException(ExitCode.USAGE, "name what to do: jrun cache list, jrun cache clear or jrun cache gc"
                + " (see jrun cache --help)");
    }

    static Path root() {
        return Environment.current().cacheRoot();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the cache entries, least recently used first: when last used, size, script.")
    static final class ListEntries implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            List<CachedEntry> all = CachedEntry.all(root());
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
            long total = 0;
            Map<String, List<CachedEntry>> byScript = all.stream().collect(Collectors.groupingBy(CachedEntry::script));
            for (CachedEntry e : all) {
                total += e.size();
                List<String> notes = new ArrayList<>();
                if (!e.scriptExists()) {
                    notes.add("script gone");
                }
                notes.addAll(differences(e, byScript.get(e.script())));
                System.out.printf("%s  %8s  %s%s%n", LocalDateTime.ofInstant(e.lastUsed(), ZoneId.systemDefault()).format(f),
                        bytes(e.size()), e.script(), notes.isEmpty() ? "" : "  (" + String.join(", ", notes) + ")");
            }
            // the whole cache as du counts it: a jar linked into several entries once
            total = CachedEntry.size(root());
            System.out.println(all.size() + (all.size() == 1 ? " entry, " : " entries, ") + bytes(total) + " in "
                    + root().resolve("entries"));
            return 0;
        }
    }

    /**
     * What tells {@code e} from the other entries of its script: the JDK, jrun's version, an earlier
     * text of the script, or else the rest of the variant (--java, JAVA_HOME, JRUN_REPO, a lock file),
     * by the entry name's second part. Nothing for a script with one entry.
     */
    static List<String> differences(CachedEntry e, List<CachedEntry> same) {
        if (same.size() < 2) {
            return List.of();
        }
        List<String> out = recorded(e, same);
        Function<CachedEntry, String> variant = x -> x.meta().getProperty("variant");
        if (same.stream().map(variant).distinct().count() > 1 && variant.apply(e) != null) {
            out.add(variant.apply(e).isEmpty() ? "no --java, JAVA_HOME, JRUN_REPO or lock file" : variant.apply(e));
        }
        if (same.stream().anyMatch(x -> x != e && recorded(x, same).equals(out))) {
            out.add("variant " + e.name().substring(e.name().indexOf('-') + 1)
                    + ": another --java, JAVA_HOME, JRUN_REPO or lock file");
        }
        return out;
    }

    /** The differences the entries record: JDK, jrun's version, the script's text. */
    private static List<String> recorded(CachedEntry e, List<CachedEntry> same) {
        List<String> out = new ArrayList<>();
        Function<CachedEntry, String> jdk = x -> x.meta().getProperty("jdk.version", "?");
        Function<CachedEntry, String> jrun = x -> x.meta().getProperty("jrun.version", "?");
        Function<CachedEntry, String> text = x -> x.name().substring(0, Math.max(0, x.name().indexOf('-')));
        if (same.stream().map(jdk).distinct().count() > 1) {
            out.add("JDK " + jdk.apply(e));
        }
        if (same.stream().map(jrun).distinct().count() > 1) {
            out.add("jrun " + jrun.apply(e));
        }
        if (same.stream().map(text).distinct().count() > 1 && e.scriptExists()) {
            out.add(text.apply(e).equals(currentHash(e.script())) ? "the script as it is" : "an earlier version of the script");
        }
        return out;
    }

    private static String currentHash(String script) {
        try {
            return Hashing.of(Path.of(script));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Removes every cache entry (but those being built right now); scripts rebuild on their next run.")
    static final class Clear implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            report(new CacheGc(root()).clear());
            return 0;
        }
    }

    @Command(name = "gc", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            header = "Removes entries unused for a while, or beyond a size budget.",
            description = {"Removes the entries unused for a while, and the least recently used ones beyond a size "
                    + "budget. An entry being built is never removed. Last use is when the java launcher last "
                    + "read the entry's java.args (its access time), or when it was built."})
    static final class Gc implements Callable<Integer> {
        @Option(names = "--older-than", paramLabel = "DURATION",
                description = "Remove entries unused for this long: 30d, 12h, 90m, 2w, 0 (default: 30d unless --max-size is given).")
        String olderThan;

        @Option(names = "--max-size", paramLabel = "SIZE",
                description = "Then remove the least recently used entries until the rest take at most SIZE: 500M, 2G, 100k.")
        String maxSize;

        @Override
        public Integer call() throws IOException {
            Duration age = olderThan != null ? duration(olderThan) : maxSize == null ? CacheGc.DEFAULT_AGE : null;
            Long max = maxSize == null ? null : size(maxSize);
            report(new CacheGc(root()).collect(age, max));
            return 0;
        }
    }

    private static void report(CacheGc.Result r) {
        System.out.println("removed " + r.removed().size() + (r.removed().size() == 1 ? " entry" : " entries")
                + ", freed " + bytes(r.freed()));
        for (CachedEntry e : r.busy()) {
            System.out.println("kept " + e.name() + " (" + e.script() + "): it is being built right now");
        }
        if (r.inUse() > 0) {
            System.out.println("kept " + r.inUse() + (r.inUse() == 1 ? " build" : " builds")
                    + " that running scripts use; a later collection removes them");
        }
    }

    private static final Pattern DURATION = Pattern.compile("([0-9]+)([smhdw]?)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(i?b)?");

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(2).isEmpty() && !m.group(1).matches("0+"))) {
            throw new JrunException(ExitCode.USAGE, "--older-than " + text
                    + ": not a duration; write a number and a unit: 30d, 12h, 90m, 45s, 2w (or 0)");
        }
        try {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                default -> Duration.ofDays(n);
            };
            java.time.Instant.now().minus(d); // what the collection will compute: it must fit too
            return d;
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            throw new JrunException(ExitCode.USAGE, "--older-than " + text + ": too long; write at most 100000d");
        }
    }

    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new JrunException(ExitCode.USAGE, "--max-size " + text + ": not a size; write 500M, 2G, 100k or a number of bytes");
        }
        int shift = 10 * "kmgt".indexOf(m.group(2)) + 10;
        double n = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? (long) n : (long) (n * (1L << shift));
    }

    /** 1.5M, 12K, 900B. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String units = "KMGT";
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f%c" : "%.0f%c", v, units.charAt(u));
    }
}
