package dev.jrun.deps;

import java.io.PrintStream;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * Download progress on a terminal: a line that counts the bytes of the file being fetched, then one
 * line per file fetched. Used only when standard error is a terminal (the front end says so).
 */
final class Progress extends AbstractTransferListener {
    private final PrintStream err;
    private long lastDraw;

    Progress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void transferProgressed(TransferEvent event) {
        if (skip(event)) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        TransferResource r = event.getResource();
        long total = r.getContentLength();
        err.print("\r\033[Kjrun: downloading " + r.getResourceName() + " " + kb(event.getTransferredBytes())
                + (total > 0 ? " / " + kb(total) : ""));
        err.flush();
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        if (skip(event)) {
            return;
        }
        TransferResource r = event.getResource();
        err.println("\r\033[Kjrun: downloaded " + r.getResourceName() + " (" + kb(event.getTransferredBytes())
                + ") from " + r.getRepositoryId());
    }

    @Override
    public synchronized void transferFailed(TransferEvent event) {
        if (!skip(event)) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static boolean skip(TransferEvent event) {
        String name = event.getResource().getResourceName();
        return event.getRequestType() != TransferEvent.RequestType.GET || name.endsWith(".sha1")
                || name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512");
    }

    private static String kb(long bytes) {
        return bytes < 1024 ? bytes + " B" : (bytes + 512) / 1024 + " kB";
    }
}
