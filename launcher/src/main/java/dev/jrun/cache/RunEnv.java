package dev.jrun.cache;

import dev.jrun.plan.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * A build's {@code run.env}: the contract with the sh front end, which sources it on every cached
 * run. It sets {@code jrun_java} (the java binary), {@code jrun_main} (the JVM's main class, jrun's
 * launcher), {@code jrun_script_main} (the script's, which the launcher gets as its first argument),
 * {@code jrun_noaot} (//NOAOT), the archive's variables ({@code jrun_aot_file}, {@code jrun_aot_map},
 * {@code jrun_aot_quiet}, {@code jrun_aot_why}, {@code jrun_aot_fresh}), defines {@code jrun_valid}
 * (the build's own freshness checks, joined with {@code &&}), and ends with {@value Entry#COMPLETE},
 * without which the front end does not trust it. Only this type writes it.
 *
 * @param archive the build's archive, as {@code dev.jrun.aot.AotFiles} names it
 */
public record RunEnv(Path java, String main, String scriptMain, boolean noAot, Archive archive,
        List<Check> checks) {

    /**
     * The build's class-data archive: {@code jrun_aot_file}, {@code jrun_aot_why} (why there is none),
     * {@code jrun_aot_fresh} (no file of {@code guards}, the class path and the JDK's, is newer), and
     * the two JVM options of a run that uses it, which depend on the JDK (dev.jrun.aot.ArchiveFormat).
     *
     * @param file   the archive, or null when the build cannot have one
     * @param whyNot why not, for --verbose ("" when it can)
     * @param map    {@code jrun_aot_map}: the option that maps it, falling back silently
     * @param quiet  {@code jrun_aot_quiet}: the option that keeps the JVM's messages about it off the run's output
     */
    public record Archive(Path file, String whyNot, List<Path> guards, String map, String quiet) {
        public static Archive none(String why) {
            return new Archive(null, why, List.of(), "", "");
        }
    }

    public String render() {
        StringBuilder env = new StringBuilder();
        env.append("# written by jrun's builder; sourced by the jrun front end on every cached run\n");
        env.append("jrun_java=").append(Sh.quote(java.toString())).append('\n');
        env.append("jrun_main=").append(Sh.quote(main)).append('\n');
        env.append("jrun_script_main=").append(Sh.quote(scriptMain)).append('\n');
        env.append("jrun_noaot=").append(Sh.quote(noAot ? "1" : "")).append('\n');
        env.append("jrun_aot_file=").append(Sh.quote(archive.file() == null ? "" : archive.file().toString())).append('\n');
        env.append("jrun_aot_map=").append(Sh.quote(archive.map())).append('\n');
        env.append("jrun_aot_quiet=").append(Sh.quote(archive.quiet())).append('\n');
        env.append("jrun_aot_why=").append(Sh.quote(archive.whyNot())).append('\n');
        if (archive.file() != null) {
            env.append("jrun_aot_fresh() {\n    ");
            for (int k = 0; k < archive.guards().size(); k++) {
                env.append(k == 0 ? "" : " &&\n    ").append("! [ ").append(Sh.quote(archive.guards().get(k).toString()))
                        .append(" -nt \"$jrun_aot_file\" ]");
            }
            env.append("\n}\n");
        }
        env.append("jrun_valid() {\n    ").append(ShellTest.explained(new Check.Executable(java)));
        for (Check check : checks) {
            env.append(" &&\n    ").append(ShellTest.explained(check));
        }
        env.append("\n}\n");
        env.append(Entry.COMPLETE).append('\n');
        return env.toString();
    }
}
