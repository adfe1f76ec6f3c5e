package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man page and the shell completion that ./install puts in place, and removes. */
class DocsIT {
    @TempDir
    Path dir;

    static String sh(Path in, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    /** What bash completes for the words typed after "jrun ", the last one being completed. */
    String complete(Path completion, String line) throws Exception {
        String script = "source \"$1\"\n"
                + "COMP_LINE=\"jrun $2\"; read -ra COMP_WORDS <<<\"$COMP_LINE\"\n"
                + "case $2 in *' ') COMP_WORDS+=(''); esac\n"
                + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                + "_complete_jrun 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        return sh(dir, "bash", "-c", script, "bash", completion.toString(), line);
    }

    @Test
    void manPageAndCompletionAreInstalled() throws Exception {
        Path share = Jrun.bin().getParent().getParent().resolve("share");
        String man = Files.readString(share.resolve("man/man1/jrun.1"));
        assertTrue(man.startsWith(".TH JRUN 1 "), man);
        for (String cmd : List.of("jrun init", "jrun info", "jrun jdks", "jrun app install", "jrun cache gc",
                "jrun export maven")) {
            assertTrue(man.contains(".SS \"" + cmd + "\""), cmd);
        }
        assertTrue(man.contains("\\-\\-older\\-than"), "options are listed");

        Path bash = share.resolve("bash-completion/completions/jrun");
        Files.writeString(dir.resolve("hello.java"), "class hello {}");
        assertEquals("hello.java\nhelp\n", complete(bash, "hel")); // (a script, and the help command)
        assertEquals("cache\n", complete(bash, "cac"));
        assertEquals("clear\ngc\nlist\n", complete(bash, "cache "));
        assertEquals("cli\nhello\nserver\ntest\n", complete(bash, "init -t "));
        assertTrue(complete(bash, "cache gc --").contains("--older-than\n"));

        String zsh = Files.readString(share.resolve("zsh/site-functions/_jrun"));
        assertTrue(zsh.startsWith("#compdef jrun\n"), zsh);
        assertTrue(zsh.contains("source '" + bash + "'"), zsh);
    }

    @Test
    void uninstallRemovesThem() throws Exception {
        Path prefix = dir.resolve("prefix");
        sh(Jrun.repoRoot(), Jrun.repoRoot().resolve("install").toString(), "--prefix", prefix.toString(),
                "--no-binfmt", "--no-build");
        List<Path> files = List.of(prefix.resolve("share/man/man1/jrun.1"),
                prefix.resolve("share/bash-completion/completions/jrun"), prefix.resolve("share/zsh/site-functions/_jrun"));
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f.toString());
        }
        assertTrue(Files.readAllLines(prefix.resolve("lib/jrun/installed-files")).containsAll(files.stream().map(Path::toString).toList()));
        sh(Jrun.repoRoot(), Jrun.repoRoot().resolve("install").toString(), "--uninstall", "--prefix", prefix.toString());
        for (Path f : files) {
            assertFalse(Files.exists(f), f.toString());
        }
        assertFalse(Files.exists(prefix.resolve("share")), "the directories it made are gone too");
    }
}
