package dev.jrun.cli;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.remote.TrustList;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The user's trust list, asked before anything is fetched from a URL (a script, a catalog): a URL
 * under a trusted prefix passes; on a terminal (JRUN_TTY=1, from the front end) an untrusted one
 * asks (this once, trust its prefix, no; no answer in JRUN_TRUST_TIMEOUT seconds, 30: no); off a
 * terminal it is refused with the line that trusts it.
 */
final class TrustGate {
    private final Environment env;
    private final TrustList trust;
    private final Set<String> once = new HashSet<>();

    TrustGate(Environment env) {
        this.env = env;
        this.trust = TrustList.of(env.vars(), env.home());
    }

    /**
     * Passes if {@code url} may be fetched; {@code what} says what is refused ("run it", "read its
     * catalog"), {@code not} what the user declined ("not run", "not read").
     */
    void check(String url, String what, String not) throws Exception {
        if (allows(url)) {
            return;
        }
        String prefix = TrustList.prefixOf(url);
        if (!"1".equals(env.get("JRUN_TTY"))) {
            throw new JrunException(ExitCode.REMOTE, url + " is not from a trusted source, so jrun does not " + what + ";"
                    + " if you trust it: jrun trust add " + prefix);
        }
        switch (ask(url, prefix, what, not)) {
            case '1' -> once.add(origin(url));
            case '2' -> {
                trust.add(prefix);
                System.err.println("jrun: trusted " + prefix + " (jrun trust remove " + prefix + " to undo)");
            }
            default -> throw new JrunException(ExitCode.REMOTE, url + ": " + not + "; to trust it: jrun trust add " + prefix);
        }
    }

    /** Whether {@code url} may be fetched now (a redirect's target, too): trusted, or its server allowed this once. */
    boolean allows(String url) {
        return trust.trusts(url) || once.contains(origin(url));
    }

    /** A URL's scheme and authority: what "this once" covers (its redirects within the same server). */
    private static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private char ask(String url, String prefix, String what, String not) throws Exception {
        long seconds = 30;
        try {
            seconds = Long.parseLong(env.vars().getOrDefault("JRUN_TRUST_TIMEOUT", "30").strip());
        } catch (NumberFormatException e) {
            // the default
        }
        System.err.print("jrun: " + url + " is not from a trusted source. " + Character.toUpperCase(what.charAt(0))
                + what.substring(1) + "?\n"
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
            throw new JrunException(ExitCode.REMOTE, url + ": no answer in " + seconds + "s, " + not + "; to trust it:"
                    + " jrun trust add " + prefix);
        }
        return answer == null || answer.isBlank() ? '3' : answer.strip().charAt(0);
    }
}
