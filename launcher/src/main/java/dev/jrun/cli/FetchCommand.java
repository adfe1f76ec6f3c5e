package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.remote.RemoteUrl;
import dev.jrun.remote.UrlCache;
import java.nio.file.Path;
import java.time.Instant;
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
        TrustGate trust = new TrustGate(env);
        trust.check(raw, "run it", "not run");
        UrlCache cache = new UrlCache(env.cacheRoot(), env.vars(),
                trust::allows, System.err, Instant.now());
        Path file = cache.script(raw, offline, fresh);
        System.out.println(file);
        return 0;
    }
}
