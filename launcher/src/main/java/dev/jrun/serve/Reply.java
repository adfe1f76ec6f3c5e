package dev.jrun.serve;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The answer to one client, written to its FIFO, a line at a time: "A" (taken), "N" (not taken:
 * build it yourself), "E TEXT" (a line for the client's standard error), "." (still at work: a
 * client that hears nothing for a while takes the server for hung and builds itself), and last
 * "X STATUS" (the builder's exit status). Lines are written whole; a client that went away makes
 * the writes fail quietly.
 */
final class Reply implements AutoCloseable {
    private final OutputStream out;
    private final Lines lines = new Lines();
    private final PrintStream err = new PrintStream(lines, true, StandardCharsets.UTF_8);
    private boolean broken;

    private Reply(OutputStream out) {
        this.out = out;
    }

    /**
     * Opens the client's FIFO for writing without waiting for a reader: it is first opened for
     * reading and writing (which never waits), then for writing (which a reader, ourselves, lets
     * through), and the first closed, so that when the client goes away, writes fail.
     */
    static Reply open(Path fifo) throws IOException {
        try (RandomAccessFile both = new RandomAccessFile(fifo.toFile(), "rw")) {
            return new Reply(new FileOutputStream(fifo.toFile()));
        }
    }

    /** The client's standard error, as a stream of "E" lines. */
    PrintStream err() {
        return err;
    }

    synchronized void line(String line) {
        if (broken) {
            return;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            broken = true;
        }
    }

    /** Sends the last line, the status. */
    void exit(int status) {
        err.flush();
        lines.finish();
        line("X " + status);
        synchronized (this) {
            broken = true; // nothing after the last line (a late heartbeat), for the FIFO's next client
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the client is gone
        }
    }

    /** Cuts what is written into lines, each sent as "E LINE". */
    private final class Lines extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                line("E " + line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized void finish() {
            if (line.size() > 0) {
                write('\n');
            }
        }
    }
}
