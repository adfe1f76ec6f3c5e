package dev.jrun.script;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Java source file as jrun reads it: always UTF-8, whatever the locale, with a {@code #!} first
 * line blanked (not removed, so that javac's line numbers stay the user's).
 *
 * @param name     how the user named it, for messages ({@code hello.java}, {@code <stdin>})
 * @param path     where it was read from
 * @param realPath the file itself, symbolic links resolved: //SOURCES and //FILES are relative to it
 * @param text     the text to compile
 * @param lines    the file's lines, for directives
 * @param sha256   the SHA-256 of the file's bytes, as sha256sum prints it
 */
public record Script(String name, Path path, Path realPath, String text, List<String> lines, String sha256) {

    /** A source file larger than this is not a script (and would only exhaust the builder's memory). */
    static final long MAX_BYTES = 16 << 20;

    /**
     * Reads {@code path}, failing with a one-line error for each way a file can be unusable. A file
     * an editor is saving is waited for until it is whole ({@link Settle}): a read is never half of
     * a save, nor an in-place save's empty moment.
     */
    public static Script read(Path path, String name) {
        OtherLanguage.refuse(path.getFileName() == null ? name : path.getFileName().toString());
        return readOnce(path, name);
    }

    private static Script readOnce(Path path, String name) {
        Path real;
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new JrunException(ExitCode.SCRIPT, name + ": is a directory, not a script; name a .java file");
            }
            real = path.toRealPath();
            bytes = Settle.read(real, name, MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new JrunException(ExitCode.SCRIPT, name + ": no such file; check the path");
        } catch (AccessDeniedException e) {
            throw new JrunException(ExitCode.SCRIPT, name + ": permission denied; make it readable (chmod +r)");
        } catch (IOException e) {
            throw new JrunException(ExitCode.SCRIPT, name + ": cannot read: " + e.getMessage());
        }
        String text = decode(bytes, name);
        if (text.isBlank()) {
            throw new JrunException(ExitCode.SCRIPT, name + ": is empty; write a class with a main method in it");
        }
        return new Script(name, path, real, compilable(text), text.lines().toList(), sha256(bytes));
    }

    /**
     * The bytes of a regular file, read once: a directory, a FIFO (which would block forever) or a
     * device such as /dev/zero (which never ends) is refused before it is opened, and so is a file
     * larger than {@code max}. Used for every file a build reads, so that what is hashed is what
     * is compiled or packed.
     */
    public static byte[] readRegularFile(Path real, String name, long max) throws IOException {
        if (Files.isDirectory(real)) {
            throw new JrunException(ExitCode.SCRIPT, name + ": is a directory, not a file; name a file");
        }
        if (!Files.isRegularFile(real)) {
            throw new JrunException(ExitCode.SCRIPT, name + ": is not a regular file (a FIFO, a socket or a device);"
                    + " name a file");
        }
        try (java.io.InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new JrunException(ExitCode.SCRIPT, name + ": is larger than " + (max >> 20)
                        + " MiB; jrun reads at most that much of one file");
            }
            return bytes;
        }
    }

    /**
     * A jar to run as JBang runs one ({@code jrun app.jar}): nothing to compile; its bytes' hash
     * names its cache entry as a script's does.
     */
    public static Script jar(Path path, String name) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            return new Script(name, path, path.toRealPath(), "", List.of(), sha256(bytes));
        } catch (IOException e) {
            throw new JrunException(ExitCode.SCRIPT, name + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Maven coordinates to run ({@code jrun group:artifact:version}): no file at all; its entry is
     * named by the hash of no bytes and the coordinates (in the variant), as the front end names it.
     */
    public static Script coordinates(String gav) {
        return new Script(gav, Path.of("/dev/null"), Path.of("/dev/null"), "", List.of(), sha256(new byte[0]));
    }

    /** Is this a jar or Maven coordinates, run as they are, not a source file? */
    public boolean isPrebuilt() {
        return isJar() || isCoordinates();
    }

    /** Is this a JShell script (.jsh), run by jrun's runner of the jdk.jshell API rather than compiled? */
    public boolean isJshell() {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".jsh");
    }

    public boolean isJar() {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".jar") && text.isEmpty();
    }

    public boolean isCoordinates() {
        return path.toString().equals("/dev/null") && text.isEmpty();
    }

    /** Does {@code arg} name Maven coordinates, group:artifact:version[:classifier], rather than a file? */
    public static boolean looksLikeCoordinates(String arg) {
        return arg.matches("[A-Za-z0-9_.\\-]+:[A-Za-z0-9_.\\-]+:[^:/\\s]+(:[A-Za-z0-9_.\\-]+)?") && !Files.exists(Path.of(arg));
    }

    /** The directory that //SOURCES and //FILES are relative to. */
    public Path dir() {
        return realPath.getParent();
    }

    private static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new JrunException(ExitCode.SCRIPT, name + ":" + line
                    + ": not valid UTF-8; jrun reads scripts as UTF-8 whatever the locale, so save the file in that encoding");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String sha256(byte[] bytes) {
        return Hashing.of(bytes);
    }

    /** A {@code #!} first line becomes an empty line: javac would reject it, and line numbers stay right. */
    static String compilable(String text) {
        if (!text.startsWith("#!")) {
            return text;
        }
        int eol = text.indexOf('\n');
        return eol < 0 ? "" : text.substring(eol);
    }
}
