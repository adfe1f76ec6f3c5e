package dev.jrun.plan;

import dev.jrun.script.Directive;
import dev.jrun.script.Directives;
import java.util.List;
import java.util.Set;

/**
 * Checks //JAVA_OPTIONS (and //RUNTIME_OPTIONS) before they reach the java command line, where a
 * stray word would become the main class and every run would fail with java's own message.
 */
final class JvmOptions {
    /** java's options whose value is the next word. */
    private static final Set<String> TAKE_A_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
            "--patch-module", "--enable-native-access", "--source", "-javaagent");

    private JvmOptions() {
    }

    static void check(Directives directives) {
        for (Directive d : directives.named("JAVA_OPTIONS", "RUNTIME_OPTIONS")) {
            List<String> words = d.words();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.startsWith("-")) {
                    if (TAKE_A_VALUE.contains(w)) {
                        if (i + 1 == words.size()) {
                            throw d.error(w + " needs a value after it; write it on the same line");
                        }
                        i++;
                    }
                    continue;
                }
                throw d.error("'" + w + "' is not a JVM option (they start with '-'); java would take it for the"
                        + " main class. Quote a value that has spaces: -Dname=\"a b\"");
            }
        }
    }
}
