package dev.jrun.deps;

import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * Download progress on a terminal: one line, redrawn in place, saying what is fetched (the files so
 * far, their size, the one under way), and when resolution is over one line that stays: how many
 * files, how much, from where. Used only when standard error is a terminal (the front end says so).
 */
final class Progress extends AbstractTransferListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream err;
    private final Set<String> from = new TreeSet<>();
    private long lastDraw;
    private int files;
    private long bytes;

    Progress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void transferProgressed(TransferEvent event) {
        if (skip(event)) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        TransferResource r = event.getResource();
        long total = r.getContentLength();
        draw(file(r) + " " + kb(event.getTransferredBytes()) + (total > 0 ? " of " + kb(total) : ""));
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        if (skip(event)) {
            return;
        }
        files++;
        bytes += event.getTransferredBytes();
        from.add(event.getResource().getRepositoryId());
        lastDraw = System.nanoTime();
        draw("got " + file(event.getResource()));
    }

    @Override
    public synchronized void transferFailed(TransferEvent event) {
        if (!skip(event)) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    /** The line that stays, once resolution is over (nothing if nothing was fetched). */
    synchronized void finish() {
        if (files > 0) {
            err.println("\r\033[Kjrun: fetched " + files + (files == 1 ? " file" : " files") + " of dependencies ("
                    + kb(bytes) + ") from " + String.join(", ", from) + " into the local Maven repository");
            err.flush();
            files = 0;
        }
    }

    private void draw(String now) {
        err.print("\r\033[Kjrun: fetching dependencies: " + files + (files == 1 ? " file, " : " files, ") + kb(bytes)
                + " so far; " + now);
        err.flush();
    }

    private static String file(TransferResource r) {
        String name = r.getResourceName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static boolean skip(TransferEvent event) {
        String name = event.getResource().getResourceName();
        return event.getRequestType() != TransferEvent.RequestType.GET || name.endsWith(".sha1")
                || name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512");
    }

    static String kb(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 10L << 20 ? (bytes + 512) / 1024 + " kB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
