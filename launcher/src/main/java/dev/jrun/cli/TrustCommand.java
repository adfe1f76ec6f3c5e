package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.remote.TrustList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jrun trust add|list|remove PREFIX}: the URL prefixes whose scripts jrun runs. */
@Command(name = "trust", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Manages the URL prefixes whose scripts jrun runs (jrun https://...).",
            "Kept in $XDG_CONFIG_HOME/jrun/trusted-sources (else ~/.config/jrun/); JBang's "
                + "~/.jbang/trusted-sources.json is trusted too."},
        subcommands = {TrustCommand.Add.class, TrustCommand.ListPrefixes.class, TrustCommand.Remove.class})
public final class TrustCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw Main.usage("name what to do: jrun trust add PREFIX, jrun trust list or jrun trust remove PREFIX");
    }

    static TrustList list() {
        Environment env = Environment.current();
        return TrustList.of(env.vars(), env.home());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Trusts the scripts under a URL prefix.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "PREFIX", arity = "1..*", description = "for example https://github.com/me/")
        java.util.List<String> prefixes;

        @Override
        public Integer call() {
            TrustList t = list();
            for (String p : prefixes) {
                if (!p.startsWith("https://") && !p.startsWith("http://")) {
                    throw Main.usage(p + ": a prefix starts with https:// (or http:// for this machine); add it so");
                }
                t.add(p);
                System.err.println("jrun: trusted " + p);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the trusted prefixes.")
    static final class ListPrefixes implements Callable<Integer> {
        @Override
        public Integer call() {
            TrustList t = list();
            t.own().forEach(System.out::println);
            t.jbang().forEach(p -> System.out.println(p + "  (JBang's)"));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "No longer trusts a prefix.")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "PREFIX", arity = "1..*")
        java.util.List<String> prefixes;

        @Override
        public Integer call() {
            TrustList t = list();
            for (String p : prefixes) {
                if (!t.remove(p)) {
                    throw Main.usage(p + ": not in the trust list " + t.file() + "; see jrun trust list");
                }
                System.err.println("jrun: no longer trusted: " + p);
            }
            return 0;
        }
    }
}
