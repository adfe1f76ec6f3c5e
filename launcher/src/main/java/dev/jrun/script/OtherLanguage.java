package dev.jrun.script;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.util.Map;

/**
 * Files JBang runs that jrun does not: Kotlin, Groovy and Markdown scripts. Named by their suffix and
 * refused with one line before javac could read them as Java (its errors would say nothing useful).
 */
final class OtherLanguage {
    private OtherLanguage() {
    }

    private static final Map<String, String> BY_SUFFIX = Map.of(
            ".kt", "a Kotlin source file, which jrun does not compile (it runs .java and .jsh files); run it with"
                    + " kotlinc or jbang",
            ".kts", "a Kotlin script, which jrun does not run (it runs .java and .jsh files); run it with kotlin or jbang",
            ".groovy", "a Groovy script, which jrun does not run (it runs .java and .jsh files); run it with groovy or"
                    + " jbang",
            ".gvy", "a Groovy script, which jrun does not run (it runs .java and .jsh files); run it with groovy or jbang",
            ".md", "a Markdown file, which jrun does not run (JBang runs the Java blocks in one); put the code in a"
                    + " .java file and run that");

    /** Fails with one line if {@code name} names a file of another language. */
    static void refuse(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || name.indexOf('/', dot) >= 0) {
            return;
        }
        String what = BY_SUFFIX.get(name.substring(dot).toLowerCase(java.util.Locale.ROOT));
        if (what != null) {
            throw new JrunException(ExitCode.SCRIPT, name + ": " + what);
        }
    }
}
