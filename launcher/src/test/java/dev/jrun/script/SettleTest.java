package dev.jrun.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule for reading a file an editor may be saving, on a simulated file and clock. */
class SettleTest {
    static final Path F = Path.of("/s.java");

    /** A file whose versions are set at given times; reads and stats see the version of "now". */
    static final class Sim implements Settle.Disk, Settle.Clock {
        long now = 1_000_000;
        final List<long[]> at = new ArrayList<>(); // {time, index}
        final List<String> texts = new ArrayList<>();
        final List<Long> modified = new ArrayList<>();
        int reads;
        long slept;
        /** How long a read takes (a version saved during it makes the read's stats differ). */
        long readMillis;

        Sim version(long time, String text) {
            return version(time, text, time);
        }

        Sim version(long time, String text, long mtime) {
            at.add(new long[] {time, texts.size()});
            texts.add(text);
            modified.add(mtime);
            return this;
        }

        int current() {
            int v = 0;
            for (long[] a : at) {
                if (a[0] <= now) {
                    v = (int) a[1];
                }
            }
            return v;
        }

        @Override
        public Settle.Stamp stamp(Path file) {
            int v = current();
            long m = modified.get(v);
            return new Settle.Stamp("inode", texts.get(v).length(), m, FileTime.fromMillis(m), "ctime" + v);
        }

        @Override
        public byte[] read(Path file, String name, long max) {
            reads++;
            byte[] b = texts.get(current()).getBytes(StandardCharsets.UTF_8);
            now += readMillis;
            return b;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleep(long millis) {
            assertTrue(millis > 0, "a pause of " + millis);
            now += millis;
            slept += millis;
        }

        String read() throws Exception {
            return new String(new Settle(this, this).bytes(F, "s.java", 1 << 20), StandardCharsets.UTF_8);
        }

        /** What the builder does once it has compiled what it read. */
        void quiet() {
            new Settle(this, this).quiet(List.of(F));
        }

        String onDisk() {
            return texts.get(current());
        }
    }

    @Test
    void aFileNotWrittenLatelyIsReadOnceWithoutAPause() throws Exception {
        Sim s = new Sim().version(0, "class s {}");
        assertEquals("class s {}", s.read());
        assertEquals(1, s.reads);
        assertEquals(0, s.slept);
    }

    @Test
    void aFileJustWrittenIsReadAtOnceAndTheRestOfTheQuietTimeIsWaitedAfterCompiling() throws Exception {
        Sim s = new Sim().version(s0(), "class s {}");
        assertEquals("class s {}", s.read());
        assertEquals(1, s.reads);
        assertEquals(0, s.slept);
        s.now += 15; // compiling
        s.quiet();
        assertEquals(Settle.QUIET_MILLIS - 25, s.slept);
        s.quiet(); // quiet now: no pause
        assertEquals(Settle.QUIET_MILLIS - 25, s.slept);
    }

    private static long s0() {
        return 1_000_000 - 10; // written 10 ms before the read
    }

    @Test
    void aPrefixThatAnInPlaceSaveIsStillWritingShowsOnceQuiet() throws Exception {
        // truncated, the first half written, the second 32 ms later, while the first is compiled
        Sim s = new Sim().version(0, "class old {}").version(1_000_000 - 5, "").version(1_000_000 - 2, "class s {}")
                .version(1_000_030, "class s {} class t {}");
        String read = s.read();
        assertEquals("class s {}", read);
        s.now += 20;
        s.quiet();
        assertEquals("class s {} class t {}", s.onDisk(), "the builder's comparison sees the second half");
    }

    @Test
    void aFileQuietLongerThanCompilingTookIsNotWaitedFor() throws Exception {
        Sim s = new Sim().version(1_000_000 - 30, "class s {}");
        s.read();
        s.now += Settle.QUIET_MILLIS;
        s.quiet();
        assertEquals(0, s.slept);
    }

    @Test
    void anInPlaceSaveCaughtEmptyIsWaitedFor() throws Exception {
        Sim s = new Sim().version(0, "class old {}").version(1_000_000 - 1, "").version(1_000_400, "class s {}");
        assertEquals("class s {}", s.read());
    }

    @Test
    void anEmptyFileStaysEmptyAfterASecond() throws Exception {
        Sim s = new Sim().version(1_000_000 - 1, "");
        assertEquals("", s.read());
        assertTrue(s.slept >= Settle.EMPTY_QUIET_MILLIS - 1 && s.slept <= Settle.EMPTY_QUIET_MILLIS, "waited " + s.slept);
    }

    @Test
    void anEmptyFileNotWrittenLatelyIsTakenAtOnce() throws Exception {
        Sim s = new Sim().version(0, "");
        assertEquals("", s.read());
        assertEquals(0, s.slept);
    }

    @Test
    void aCopyNamedByItsContentIsNotWaitedFor() throws Exception {
        Sim s = new Sim().version(s0(), "class stdin {}");
        Path copy = Path.of("/cache/stdin/" + dev.jrun.Hashing.of("class stdin {}".getBytes(StandardCharsets.UTF_8))
                + "/stdin.java");
        assertEquals("class stdin {}", new String(new Settle(s, s).bytes(copy, "<stdin>", 1 << 20), StandardCharsets.UTF_8));
        assertEquals(0, s.slept);
        assertEquals(false, Settle.isContentAddressed(Path.of("/cache/stdin/" + "0".repeat(64) + "/stdin.java"),
                "class stdin {}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReadDuringWhichTheFileChangedIsReadAgain() throws Exception {
        Sim s = new Sim().version(0, "class a {}").version(1_000_002, "class b {}");
        s.readMillis = 5;
        assertEquals("class b {}", s.read());
        assertTrue(s.reads >= 2);
    }

    @Test
    void aModificationTimeInTheFutureIsNotWaitedForLongerThanTheQuietTime() throws Exception {
        Sim s = new Sim().version(0, "class s {}", 1_000_000 + 3_600_000);
        assertEquals("class s {}", s.read());
        assertEquals(0, s.slept);
        s.quiet();
        assertEquals(Settle.QUIET_MILLIS, s.slept);
    }

    @Test
    void aFileSavedOverAndOverIsWaitedForAtMostTheBoundThenTheLastReadCounts() throws Exception {
        Sim s = new Sim();
        for (int i = 0; i < 100; i++) {
            s.version(1_000_000 - 1 + i * 100L, "class v" + i + " {}");
        }
        String read = s.read();
        assertTrue(s.slept <= Settle.MAX_WAIT_MILLIS, "waited " + s.slept);
        assertTrue(read.startsWith("class v"), read);
        assertEquals("class v" + s.current() + " {}", read);
    }
}
