package dev.jrun.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun's tar reader, on archives GNU tar makes and on hand-made ones that try to climb out. */
class UntarTest {
    @TempDir
    Path tmp;

    /** Archives {@code dir}'s {@code top} with GNU tar (gzip), in the given --format. */
    private Path tar(Path dir, String top, String format) throws Exception {
        Path out = tmp.resolve("a-" + format + ".tar.gz");
        Process p = new ProcessBuilder("tar", "--format=" + format, "-czf", out.toString(), "-C", dir.toString(), top)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, log);
        return out;
    }

    @Test
    void unpacksWhatGnuTarMakesInEachFormat() throws Exception {
        Path src = tmp.resolve("src");
        String longDir = "d".repeat(120) + "/" + "e".repeat(90);
        Path top = src.resolve("jdk-17.0.1+1");
        Files.createDirectories(top.resolve("bin"));
        Files.createDirectories(top.resolve(longDir));
        Files.writeString(top.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(top.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(top.resolve("release"), "JAVA_VERSION=\"17.0.1\"\n");
        Files.writeString(top.resolve(longDir).resolve("f".repeat(110) + ".txt"), "long");
        Files.createDirectories(top.resolve("legal/java.base"));
        Files.writeString(top.resolve("legal/LICENSE"), "L");
        Files.createSymbolicLink(top.resolve("legal/java.base/LICENSE"), Path.of("../LICENSE"));
        Files.createLink(top.resolve("bin/java-hard"), top.resolve("bin/java"));

        for (String format : new String[] {"gnu", "pax"}) {
            Path out = Files.createDirectory(tmp.resolve("out-" + format));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tar(src, "jdk-17.0.1+1", format)))) {
                Untar.extract(in, out);
            }
            Path home = out.resolve("jdk-17.0.1+1");
            assertTrue(Files.isExecutable(home.resolve("bin/java")), format);
            assertFalse(Files.isExecutable(home.resolve("release")), format);
            assertEquals("long", Files.readString(home.resolve(longDir).resolve("f".repeat(110) + ".txt")), format);
            assertTrue(Files.isSymbolicLink(home.resolve("legal/java.base/LICENSE")), format);
            assertEquals(Path.of("../LICENSE"), Files.readSymbolicLink(home.resolve("legal/java.base/LICENSE")), format);
            assertEquals("L", Files.readString(home.resolve("legal/java.base/LICENSE")), format);
            assertEquals("#!/bin/sh\n", Files.readString(home.resolve("bin/java-hard")), format);
        }
    }

    @Test
    void ustarsPrefixJoinsTheName() throws Exception {
        Path src = tmp.resolve("src");
        String deep = "p".repeat(80) + "/" + "q".repeat(60);
        Files.createDirectories(src.resolve("top").resolve(deep));
        Files.writeString(src.resolve("top").resolve(deep).resolve("x.txt"), "x");
        Path out = Files.createDirectory(tmp.resolve("out"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tar(src, "top", "ustar")))) {
            Untar.extract(in, out);
        }
        assertEquals("x", Files.readString(out.resolve("top").resolve(deep).resolve("x.txt")));
    }

    @Test
    void anEntryClimbingOutIsRefusedAndNothingLandsOutside() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        byte[] archive = new Tar().file("ok.txt", "fine").file("../escaped.txt", "bad").end();
        Untar.BadArchive e = assertThrows(Untar.BadArchive.class,
                () -> Untar.extract(new ByteArrayInputStream(archive), out));
        assertTrue(e.getMessage().startsWith("../escaped.txt: "), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));

        byte[] absolute = new Tar().file("/tmp/abs.txt", "bad").end();
        assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(absolute), out));

        byte[] inner = new Tar().file("a/../../x.txt", "bad").end();
        assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(inner), out));
        assertFalse(Files.exists(tmp.resolve("x.txt")));
    }

    @Test
    void aLinkOutAndAFileThroughItAreRefused() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        byte[] linkOut = new Tar().symlink("up", "../..").end();
        Untar.BadArchive e = assertThrows(Untar.BadArchive.class,
                () -> Untar.extract(new ByteArrayInputStream(linkOut), out));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        // each text stays inside, but s/l1 is the directory above s: l2 would lead out
        Path out2 = Files.createDirectory(tmp.resolve("out2"));
        byte[] chained = new Tar().dir("s").symlink("s/l1", "..").symlink("l2", "s/l1/..").end();
        e = assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(chained), out2));
        assertTrue(e.getMessage().startsWith("l2: a link that leads outside"), e.getMessage());
        byte[] through = new Tar().dir("s").symlink("s/l1", "..").symlink("l2", "s/l1/..").file("l2/x.txt", "bad").end();
        Path out3 = Files.createDirectory(tmp.resolve("out3"));
        assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(through), out3));
        assertFalse(Files.exists(tmp.resolve("x.txt")));

        byte[] absolute = new Tar().symlink("etc", "/etc").end();
        assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(absolute), out));
        assertFalse(Files.exists(out.resolve("etc"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void gnuLongNamesAndPaxPathsAreRead() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        String longName = "x/" + "n".repeat(150) + ".txt";
        String paxName = "y/" + "m".repeat(150) + ".txt";
        byte[] archive = new Tar().gnuLongName(longName).file("ignored", "gnu")
                .pax("path", paxName).file("ignored-too", "pax").end();
        Untar.extract(new ByteArrayInputStream(archive), out);
        assertEquals("gnu", Files.readString(out.resolve(longName)));
        assertEquals("pax", Files.readString(out.resolve(paxName)));
        assertFalse(Files.exists(out.resolve("ignored")));

        byte[] climbing = new Tar().gnuLongName("../" + "z".repeat(120)).file("short", "bad").end();
        assertThrows(Untar.BadArchive.class, () -> Untar.extract(new ByteArrayInputStream(climbing), out));
    }

    @Test
    void whatIsNoTarIsSaidSo() {
        byte[] junk = "this is not a tar archive".repeat(40).getBytes(StandardCharsets.US_ASCII);
        Untar.BadArchive e = assertThrows(Untar.BadArchive.class,
                () -> Untar.extract(new ByteArrayInputStream(junk), tmp));
        assertTrue(e.getMessage().startsWith("not a tar archive"), e.getMessage());
    }

    /** A minimal tar writer for entries GNU tar will not make. */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tar file(String name, String content) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            header(name, '0', data.length, "", 0644);
            data(data);
            return this;
        }

        Tar dir(String name) {
            header(name + "/", '5', 0, "", 0755);
            return this;
        }

        Tar symlink(String name, String target) {
            header(name, '2', 0, target, 0777);
            return this;
        }

        Tar gnuLongName(String name) {
            byte[] data = (name + "\0").getBytes(StandardCharsets.UTF_8);
            header("././@LongLink", 'L', data.length, "", 0644);
            data(data);
            return this;
        }

        Tar pax(String key, String value) {
            String body = " " + key + "=" + value + "\n";
            int len = body.length();
            len += Integer.toString(len + Integer.toString(len).length()).length();
            byte[] data = (len + body).getBytes(StandardCharsets.UTF_8);
            header("PaxHeaders/x", 'x', data.length, "", 0644);
            data(data);
            return this;
        }

        byte[] end() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private void data(byte[] data) {
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }

        private void header(String name, char type, long size, String link, int mode) {
            byte[] h = new byte[512];
            put(h, 0, 100, name.length() > 100 ? name.substring(0, 100) : name);
            put(h, 100, 8, String.format("%07o", mode));
            put(h, 108, 8, "0000000");
            put(h, 116, 8, "0000000");
            put(h, 124, 12, String.format("%011o", size));
            put(h, 136, 12, String.format("%011o", 0));
            h[156] = (byte) type;
            put(h, 157, 100, link);
            put(h, 257, 6, "ustar");
            h[262] = 0;
            put(h, 263, 2, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, 8, String.format("%06o", sum) + "\0 ");
            out.writeBytes(h);
        }

        private static void put(byte[] h, int off, int len, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, h, off, Math.min(len, b.length));
        }
    }
}
