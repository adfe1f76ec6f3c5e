package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.remote.RemoteUrl;
import dev.jrun.remote.TrustList;
import dev.jrun.remote.UrlCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The front end's helper for {@code jrun URL}: checks trust, fetches (or revalidates) the script
 * into the cache and prints its local path, which the front end then runs as any file. Hidden: not
 * a command for users.
 */
@Command(name = "fetch-url", hidden = true)
public final class FetchCommand implements Callable<Integer> {
    @Option(names = "--offline")
    boolean offline;

    @Option(names = "--fresh")
    boolean fresh;

    @Parameters(paramLabel = "URL")
    String url;

    /**
     * The front end's entry point: {@code [--offline] [--fresh] -- URL}, parsed by hand, so that a
     * URL run does not pay for picocli and every subcommand's classes in this extra JVM.
     */
    public static void main(String[] args) {
        FetchCommand c = new FetchCommand();
        int status;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--offline" -> c.offline = true;
                    case "--fresh" -> c.fresh = true;
                    case "--" -> c.url = i + 1 < args.length ? args[i + 1] : null;
                    default -> { }
                }
                if (c.url != null) {
                    break;
                }
            }
            if (c.url == null) {
                throw Main.usage("fetch-url is started by the jrun command, not by hand");
            }
            status = c.call();
        } catch (Throwable e) {
            status = dev.jrun.Report.failure(e, false);
        }
        System.out.flush();
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        Environment env = Environment.current();
        String raw = RemoteUrl.toRaw(url);
        RemoteUrl.check(raw, env.vars());
        TrustList trust = TrustList.of(env.vars(), env.home());
        Set<String> once = new HashSet<>();
        if (!trust.trusts(raw)) {
            String prefix = TrustList.prefixOf(raw);
            if (!"1".equals(env.get("JRUN_TTY"))) {
                throw new JrunException(ExitCode.REMOTE, raw + " is not from a trusted source, so jrun does not run it;"
                        + " if you trust it: jrun trust add " + prefix);
            }
            switch (ask(raw, prefix, env)) {
                case '1' -> once.add(URI_HOST(raw));
                case '2' -> {
                    trust.add(prefix);
                    System.err.println("jrun: trusted " + prefix + " (jrun trust remove " + prefix + " to undo)");
                }
                default -> throw new JrunException(ExitCode.REMOTE, raw + ": not run; to trust it: jrun trust add " + prefix);
            }
        }
        UrlCache cache = new UrlCache(env.cacheRoot(), env.vars(),
                u -> trust.trusts(u) || once.contains(URI_HOST(u)), System.err, Instant.now());
        Path file = cache.script(raw, offline, fresh);
        System.out.println(file);
        return 0;
    }

    /** A URL's scheme and authority: what "this once" covers (its redirects within the same server). */
    private static String URI_HOST(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static char ask(String url, String prefix, Environment env) throws Exception {
        long seconds = 30;
        try {
            seconds = Long.parseLong(env.vars().getOrDefault("JRUN_TRUST_TIMEOUT", "30").strip());
        } catch (NumberFormatException e) {
            // the default
        }
        System.err.print("jrun: " + url + " is not from a trusted source. Run it?\n"
                + "  1) this once   2) trust " + prefix + "   3) no\n"
                + "jrun: answer 1, 2 or 3 (no answer in " + seconds + "s: no): ");
        System.err.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String answer;
        try {
            answer = line.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println();
            throw new JrunException(ExitCode.REMOTE, url + ": no answer in " + seconds + "s, not run; to trust it: jrun trust add " + prefix);
        }
        return answer == null || answer.isBlank() ? '3' : answer.strip().charAt(0);
    }
}
