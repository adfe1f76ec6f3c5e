package dev.jrun.build;

import dev.jrun.Environment;
import dev.jrun.jdk.Disco;
import dev.jrun.jdk.JdkInstaller;
import dev.jrun.plan.MissingJdk;
import dev.jrun.plan.OwnJdks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A script needs a JDK that is not installed: on a terminal (standard input and error, as the front
 * end says with JRUN_TTY=1), the builder asks whether to install Temurin N, as jrun jdk install N would.
 */
final class JdkOffer {
    private JdkOffer() {
    }

    static boolean onTerminal(Environment env) {
        return "1".equals(env.get("JRUN_TTY"));
    }

    /** Asks, and installs on yes; false when the answer is no (or none: end of input). */
    static boolean ask(MissingJdk missing, Environment env, PrintStream err) throws IOException {
        err.print("jrun: no JDK " + missing.release() + " is installed; install Temurin " + missing.release()
                + " now? [y/N] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null) {
            err.println();
        }
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) {
            return false; // the error then names the command that installs it
        }
        JdkInstaller installer = new JdkInstaller(OwnJdks.of(env.vars()), Disco.of(env.vars()), err,
                "1".equals(env.get("JRUN_PROGRESS")));
        JdkInstaller.Installed done = installer.install(missing.release());
        err.println("jrun: installed JDK " + done.jdk().version() + " at " + done.jdk().home());
        return true;
    }
}
