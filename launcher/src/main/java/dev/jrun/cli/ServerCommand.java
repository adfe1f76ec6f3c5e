package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.serve.Servers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jrun server status|stop}: the user's compile servers. */
@Command(name = "server", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Shows or stops your compile servers.",
            "",
            "A build that finds no compile server starts one, in the background, for the builds after it: it "
                + "keeps a compiler warm, so that a run after an edit costs a compile, not the start of a second "
                + "JVM. It serves only you and only this jrun build, through a FIFO in your cache root, and ends "
                + "by itself after JRUN_COMPILE_SERVER_IDLE (default 10m) with nothing to do. "
                + "JRUN_COMPILE_SERVER=off builds in a JVM of its own every time."},
        subcommands = {ServerCommand.Status.class, ServerCommand.Stop.class})
public final class ServerCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new JrunException(ExitCode.USAGE, "name what to do: jrun server status or jrun server stop"
                + " (see jrun server --help)");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Lists the running servers: process, jrun build, JDK, uptime, memory, builds served; "
                    + "and each one's compilers for other JDKs.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            List<Servers.Proc> all = Servers.running(Environment.current().cacheRoot());
            if (all.isEmpty()) {
                System.out.println("no compile server is running (the next build starts one)");
                return 0;
            }
            String current = System.getenv("JRUN_BUILD");
            for (Servers.Proc p : all) {
                System.out.printf("server   pid %-7d JDK %-14s up %-9s %6s  %d builds%s  jrun build %s%s%n", p.pid(),
                        p.jdk(), time(p.uptime()), mib(p.rssKiB()), p.builds(),
                        counts(p), p.build(),
                        current == null || current.equals(p.build()) ? "" : " (another jrun's)");
                for (Servers.Proc c : p.compilers()) {
                    System.out.printf("compiler pid %-7d JDK %-14s up %-9s %6s  %d compiles%n", c.pid(), c.jdk(),
                            time(c.uptime()), mib(c.rssKiB()), c.builds());
                }
            }
            return 0;
        }
    }

    /** " (2 with errors in the script, 1 failed)": what became of the builds that did not build. */
    static String counts(Servers.Proc p) {
        List<String> parts = new java.util.ArrayList<>();
        if (p.scriptErrors() > 0) {
            parts.add(p.scriptErrors() + " with errors in the script");
        }
        if (p.failed() > 0) {
            parts.add(p.failed() + " failed");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops every compile server (and its compilers); builds under way get a few seconds "
                    + "to finish. One that does not stop within 10 s is killed.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            List<Servers.Stopped> stopped = Servers.stop(Environment.current().cacheRoot(), Duration.ofSeconds(10));
            if (stopped.isEmpty()) {
                System.out.println("no compile server is running");
            }
            for (Servers.Stopped s : stopped) {
                System.out.println(s.killed() ? "killed the compile server " + s.pid() + " (it did not stop within 10 s)"
                        : "stopped the compile server " + s.pid());
            }
            return 0;
        }
    }

    static String mib(long kib) {
        return kib < 0 ? "?" : (kib + 512) / 1024 + " MiB";
    }

    static String time(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }
}
