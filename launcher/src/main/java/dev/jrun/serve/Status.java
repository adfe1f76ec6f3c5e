package dev.jrun.serve;

import dev.jrun.plan.Jdk;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * The server's {@code status} file, for {@code jrun server status}: its process, build, JDK, start,
 * builds served, and its compilers for other JDKs. Written whole and renamed into place.
 */
final class Status {
    private final ServerDir dir;
    private final String build;
    private final Server server;
    private final long started = System.currentTimeMillis();
    private String last = "";

    Status(ServerDir dir, String build, Server server) {
        this.dir = dir;
        this.build = build;
        this.server = server;
    }

    void writeIfChanged() {
        String now = server.builds.get() + " " + server.workers().running();
        if (!now.equals(last)) {
            last = now;
            write();
        }
    }

    void write() {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("build", build);
        p.setProperty("jdk", System.getProperty("java.version"));
        p.setProperty("jdk.home", System.getProperty("java.home"));
        p.setProperty("started", Long.toString(started));
        p.setProperty("builds", Long.toString(server.builds.get()));
        p.setProperty("failed", Long.toString(server.failed.get()));
        p.setProperty("script-errors", Long.toString(server.scriptErrors.get()));
        int i = 0;
        for (Map.Entry<Jdk, ProcessHandle> w : server.workers().running()) {
            String k = "worker." + i++ + ".";
            p.setProperty(k + "pid", Long.toString(w.getValue().pid()));
            p.setProperty(k + "jdk", w.getKey().version());
            p.setProperty(k + "started", Long.toString(w.getValue().info().startInstant().map(t -> t.toEpochMilli()).orElse(0L)));
            p.setProperty(k + "compiles", Long.toString(server.workers().served(w.getKey())));
        }
        Path tmp = dir.file(ServerDir.STATUS + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        } catch (IOException e) {
            return;
        }
        try {
            Files.move(tmp, dir.file(ServerDir.STATUS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // shown stale
        }
    }
}
