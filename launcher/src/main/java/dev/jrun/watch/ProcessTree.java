package dev.jrun.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and all its descendants: SIGTERM, then SIGKILL to whatever is left after a grace period. */
final class ProcessTree {
    private ProcessTree() {
    }

    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = members(root, new ArrayList<>());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            await(p, deadline - System.nanoTime());
        }
        // (what the tree started meanwhile too)
        members(root, tree);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        long after = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle p : tree) {
            await(p, after - System.nanoTime());
        }
    }

    /** {@code root} and its descendants, taken before any is signalled, so that orphans are not lost. */
    private static List<ProcessHandle> members(ProcessHandle root, List<ProcessHandle> into) {
        if (!into.contains(root)) {
            into.add(root);
        }
        root.descendants().filter(p -> !into.contains(p)).forEach(into::add);
        return into;
    }

    private static void await(ProcessHandle p, long nanos) {
        try {
            p.onExit().get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the next step kills it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
