package dev.jrun.binfmt;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kernel's binfmt_misc table, through its file system: {@code register} takes a
 * {@code :name:type:offset:magic:mask:interpreter:flags} line, {@code status} says whether it is
 * enabled, and each entry is a file that shows it and removes it when {@code -1} is written to it.
 */
public final class BinfmtMisc {
    public static final Path DIR = Path.of("/proc/sys/fs/binfmt_misc");

    private final Path dir;

    public BinfmtMisc(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public boolean mounted() {
        return Files.exists(dir.resolve("register"));
    }

    /** Mounts binfmt_misc at its place under /proc unless it is mounted. */
    public void mount() {
        if (mounted()) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            run("modprobe", "binfmt_misc");
        }
        String out = run("mount", "-t", "binfmt_misc", "binfmt_misc", dir.toString());
        if (!mounted()) {
            throw new JrunException(ExitCode.SYSTEM, "binfmt_misc is not mounted and mounting it failed"
                    + (out.isBlank() ? "" : " (" + out.strip().replace('\n', ' ') + ")") + "; " + Hints.NO_BINFMT);
        }
    }

    public boolean enabled() {
        try {
            return Files.readString(dir.resolve("status")).strip().equals("enabled");
        } catch (IOException e) {
            return false;
        }
    }

    public List<BinfmtEntry> entries() {
        List<BinfmtEntry> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (!name.equals("register") && !name.equals("status")) {
                entry(name).ifPresent(all::add);
                }
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, "cannot list " + dir + ": " + e.getMessage()
                    + "; is binfmt_misc mounted there?");
        }
        return all;
    }

    public Optional<BinfmtEntry> entry(String name) {
        try {
            return Optional.of(BinfmtEntry.parse(name, Files.readAllLines(dir.resolve(name))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, "cannot read " + dir.resolve(name) + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code line} to the register file; the kernel checks it (and, with flag F, opens the
     * interpreter). {@code command} is the register command to suggest running as root.
     */
    public void register(String line, String interpreter, String command) {
        try {
            write(dir.resolve("register"), line);
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            String hint = why.contains("not permitted") || why.contains("denied") ? Hints.notRoot(command)
                    : why.contains("No such file") ? "check that " + interpreter + " exists and is executable"
                    : why.contains("exists") ? "an entry of that name exists; run jrun binfmt unregister first"
                    : Hints.notRoot(command);
            throw new JrunException(ExitCode.SYSTEM, "binfmt_misc refused the entry " + line.strip() + ": " + why
                    + "; " + hint);
        }
    }

    public void remove(String name) {
        try {
            write(dir.resolve(name), "-1");
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new JrunException(ExitCode.SYSTEM, "cannot remove the binfmt_misc entry '" + name + "': "
                    + e.getMessage() + "; run as root: echo -1 > " + dir.resolve(name));
        }
    }

    /** One write(2), as the kernel wants it; no O_CREAT, no O_TRUNC. */
    private static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Runs a system command; returns its output, or the reason it could not run. */
    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return cmd[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cmd[0] + ": interrupted";
        }
    }
}
