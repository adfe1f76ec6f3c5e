package dev.jrun.jdk;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unpacks a tar stream (ustar, GNU and pax, as JDK tarballs are) into a directory: regular files,
 * directories, symbolic and hard links; long names (GNU {@code L}/{@code K}, pax {@code path}/
 * {@code linkpath}); permission bits, less group and other write. An entry whose name, or whose link's
 * target, would land outside the directory is refused, as is every other kind of entry (devices, FIFOs).
 */
public final class Untar {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final Path target;
    private final Path realTarget;
    private final java.util.List<Path> links = new java.util.ArrayList<>();

    private Untar(InputStream in, Path target) throws IOException {
        this.in = in;
        this.target = target.toAbsolutePath().normalize();
        this.realTarget = target.toRealPath();
    }

    /** A tar stream that is not one, or an entry refused: the message says which entry and why. */
    public static final class BadArchive extends IOException {
        private static final long serialVersionUID = 1L;

        BadArchive(String message) {
            super(message);
        }
    }

    /** Unpacks {@code in} into {@code target}, an existing directory (normally empty). */
    public static void extract(InputStream in, Path target) throws IOException {
        new Untar(in, target).run();
    }

    private void run() throws IOException {
        entries();
        // each link was checked by its text; links through links (a/.. where a is one) are checked here,
        // where they lead once all are in place
        for (Path link : links) {
            if (Files.exists(link) && !link.toRealPath().startsWith(realTarget)) {
                throw new BadArchive(target.relativize(link) + ": a link that leads outside the archive's directory");
            }
        }
    }

    private void entries() throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        String longLink = null;
        Map<String, String> pax = new HashMap<>();
        boolean any = false;
        while (true) {
            if (!readBlock(header)) {
                if (!any) {
                    throw new BadArchive("the archive is empty");
                }
                return; // end without the two zero blocks: tolerated, as tar does
            }
            if (allZero(header)) {
                return;
            }
            any = true;
            checkSum(header);
            char type = (char) header[156];
            long size = number(header, 124, 12);
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            String name = longName != null ? longName : name(header);
            if (pax.containsKey("path")) {
                name = pax.get("path");
            }
            String link = longLink != null ? longLink : string(header, 157, 100);
            if (pax.containsKey("linkpath")) {
                link = pax.get("linkpath");
            }
            switch (type) {
                case 'L' -> {
                    longName = trimNul(new String(data(size), StandardCharsets.UTF_8));
                    continue;
                }
                case 'K' -> {
                    longLink = trimNul(new String(data(size), StandardCharsets.UTF_8));
                    continue;
                }
                case 'x' -> {
                    pax = paxRecords(data(size));
                    continue;
                }
                case 'g' -> {
                    skip(size);
                    continue;
                }
                default -> {
                }
            }
            longName = null;
            longLink = null;
            pax = new HashMap<>();
            int mode = (int) number(header, 100, 8) & 07777;
            Path out = inside(name);
            switch (type) {
                case '0', '\0', '7' -> {
                    if (name.endsWith("/")) {
                        throw new BadArchive(name + ": a file whose name ends in /");
                    }
                    parent(out, name);
                    Files.deleteIfExists(out);
                    try (OutputStream o = Files.newOutputStream(out)) {
                        copy(size, o);
                    }
                    Files.setPosixFilePermissions(out, permissions(mode | 0600));
                }
                case '5' -> {
                    if (!out.equals(target)) {
                        parent(out, name);
                        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createDirectory(out);
                        }
                        Files.setPosixFilePermissions(out, permissions(mode | 0700));
                    }
                    skip(size);
                }
                case '2' -> {
                    if (link.isEmpty() || link.startsWith("/")
                            || !out.getParent().resolve(link).normalize().startsWith(target)) {
                        throw new BadArchive(name + ": a link to " + link + ", outside the archive's directory");
                    }
                    parent(out, name);
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(link));
                    links.add(out);
                    skip(size);
                }
                case '1' -> {
                    Path from = inside(link);
                    if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                        throw new BadArchive(name + ": a hard link to " + link + ", which is no file before it");
                    }
                    parent(out, name);
                    Files.deleteIfExists(out);
                    Files.copy(from, out, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    skip(size);
                }
                default -> throw new BadArchive(name + ": an entry of type '" + type
                        + "' (not a file, directory or link)");
            }
        }
    }

    /** The path {@code name} names under the target; refused if it is absolute or climbs out. */
    private Path inside(String name) throws BadArchive {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw new BadArchive((name.isEmpty() ? "an entry with no name" : name) + ": not a relative name");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new BadArchive(name + ": a name with .. in it, which could land outside the archive's directory");
            }
        }
        Path p = target.resolve(name).normalize();
        if (!p.startsWith(target)) {
            throw new BadArchive(name + ": outside the archive's directory");
        }
        return p;
    }

    /**
     * Makes {@code out}'s parent directories, and refuses an entry whose parent is reached through a
     * link out of the target (an earlier entry's symbolic link).
     */
    private void parent(Path out, String name) throws IOException {
        Path dir = out.getParent();
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(realTarget)) {
            throw new BadArchive(name + ": through a link, outside the archive's directory");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        int m = mode & 0755; // no group or other write, whatever the archive says
        for (int i = 0; i < bits.length; i++) {
            if ((m & (1 << i)) != 0) {
                p.add(bits[i]);
            }
        }
        return p;
    }

    private boolean readBlock(byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new BadArchive("the archive ends inside a header");
        }
        return true;
    }

    private byte[] data(long size) throws IOException {
        if (size < 0 || size > 1 << 20) {
            throw new BadArchive("a long name or pax header of " + size + " bytes");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) {
            throw new EOFException("the archive ends inside an entry");
        }
        padding(size);
        return b;
    }

    private void copy(long size, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new BadArchive("the archive ends inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
        padding(size);
    }

    private void skip(long size) throws IOException {
        copy(size, OutputStream.nullOutputStream());
    }

    private void padding(long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        if (pad > 0) {
            in.skipNBytes(pad);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkSum(byte[] h) throws BadArchive {
        long stored = number(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != stored) {
            throw new BadArchive("not a tar archive (a header's checksum is wrong)");
        }
    }

    /** ustar's name: prefix/name when the header has a ustar prefix. */
    private static String name(byte[] h) {
        String name = string(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar && h[262] == 0 ? string(h, 345, 155) : ""; // "ustar\0": POSIX, with a prefix
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** An octal field, or GNU's base-256 (first byte's high bit set) for large sizes. */
    static long number(byte[] h, int off, int len) throws BadArchive {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || (c == ' ' && digits)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new BadArchive("not a tar archive (a header's number is not octal)");
            }
            v = v * 8 + (c - '0');
            digits = true;
        }
        return v;
    }

    /** pax records, "LEN key=value\n" each. */
    private static Map<String, String> paxRecords(byte[] b) throws BadArchive {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < b.length) {
            int sp = i;
            while (sp < b.length && b[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(b, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new BadArchive("a pax header is malformed");
            }
            if (len <= 0 || i + len > b.length || sp + 1 >= i + len) {
                throw new BadArchive("a pax header is malformed");
            }
            String record = new String(b, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.put(record.substring(0, eq), record.substring(eq + 1));
            }
            i += len;
        }
        return out;
    }
}
