package dev.jrun.boot;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.Charset;

/**
 * Standard output and error that behave like a Unix tool's: once the reader of the pipe has gone
 * ({@code | head -1}), the next write through System.out or System.err ends the process with
 * status 141, as death by SIGPIPE does for a C or Go program. The JVM ignores SIGPIPE and
 * PrintStream swallows the write error, so without this a writing loop would run for ever.
 *
 * <p>A script that has called {@link PrintStream#checkError()} on the stream is watching for
 * errors itself: from then on that stream reports them there, as PrintStream always does. Any
 * other write error (a full disk, say) is left to PrintStream as well.
 */
final class BrokenPipe extends OutputStream {
    /** 128 + SIGPIPE (13): what a shell reports for a program SIGPIPE killed. */
    static final int STATUS = 141;

    private static volatile String localMessage;

    private final FileOutputStream out;
    private volatile boolean watched;

    private BrokenPipe(FileOutputStream out) {
        this.out = out;
    }

    /** Replaces System.out and System.err, keeping what the JVM chose: their encodings, autoflush. */
    static void install() {
        // (no string concatenation here: its first use costs a JDK 17 run milliseconds)
        System.setOut(stream(FileDescriptor.out, "stdout.encoding", "sun.stdout.encoding"));
        System.setErr(stream(FileDescriptor.err, "stderr.encoding", "sun.stderr.encoding"));
    }

    /** Like the JVM's own: a small buffer, autoflush, the encoding stdout.encoding (sun.stdout.encoding before JDK 19). */
    private static PrintStream stream(FileDescriptor fd, String encoding, String encodingBefore19) {
        BrokenPipe guard = new BrokenPipe(new FileOutputStream(fd));
        OutputStream buffered = new BufferedOutputStream(guard, 128);
        String enc = System.getProperty(encoding, System.getProperty(encodingBefore19));
        Charset charset = Charset.defaultCharset();
        if (enc != null) {
            try {
                charset = Charset.forName(enc);
            } catch (IllegalArgumentException e) {
                // as the JVM does with an unknown name: the default
            }
        }
        return new Watched(buffered, charset, guard);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw handled(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw handled(e);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Ends the process if the reader has gone and nobody watches; else gives the error back. */
    private IOException handled(IOException e) {
        if (!watched && isBrokenPipe(e)) {
            // no shutdown hooks, no stack trace: as a process SIGPIPE killed
            Runtime.getRuntime().halt(STATUS);
        }
        return e;
    }

    /**
     * EPIPE, whose text is strerror's: "Broken pipe", or its translation in the locale the JVM
     * took; that one is learnt once, by writing to a pipe whose reading end is closed.
     */
    static boolean isBrokenPipe(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        if (message.equals("Broken pipe")) {
            return true;
        }
        String local = localMessage;
        if (local == null) {
            local = localMessage = epipeMessage();
        }
        return message.equals(local);
    }

    private static String epipeMessage() {
        try {
            Pipe pipe = Pipe.open();
            pipe.source().close();
            try (Pipe.SinkChannel sink = pipe.sink()) {
                sink.write(ByteBuffer.allocate(1));
            }
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
        return "Broken pipe";
    }

    /** System.out or System.err: notes that the script checks for errors itself. */
    private static final class Watched extends PrintStream {
        private final BrokenPipe guard;

        Watched(OutputStream out, Charset charset, BrokenPipe guard) {
            super(out, true, charset);
            this.guard = guard;
        }

        @Override
        public boolean checkError() {
            guard.watched = true;
            return super.checkError();
        }
    }
}
