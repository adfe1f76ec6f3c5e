package dev.jrun.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Which write errors mean that the reader has gone. */
class BrokenPipeTest {
    @Test
    void epipeInEnglishAndInTheJvmsOwnWords() throws IOException {
        assertTrue(BrokenPipe.isBrokenPipe(new IOException("Broken pipe")));
        // whatever this JVM's strerror says for EPIPE, learnt from a real pipe
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        pipe.source().close();
        try (var sink = pipe.sink()) {
            sink.write(java.nio.ByteBuffer.allocate(1));
            throw new AssertionError("a write to a pipe with no reader succeeded");
        } catch (IOException e) {
            assertTrue(BrokenPipe.isBrokenPipe(e), e.getMessage());
        }
    }

    @Test
    void otherErrorsAreNot() {
        assertFalse(BrokenPipe.isBrokenPipe(new IOException("No space left on device")));
        assertFalse(BrokenPipe.isBrokenPipe(new IOException((String) null)));
        assertFalse(BrokenPipe.isBrokenPipe(new IOException("Stream closed")));
    }
}
