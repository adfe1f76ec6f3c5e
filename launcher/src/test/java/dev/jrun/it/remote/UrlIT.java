package dev.jrun.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** jrun URL against HTTP servers on 127.0.0.1: trust, redirects, revalidation, failures, offline. */
class UrlIT extends ScriptDir {
    HttpServer server;
    HttpServer other;
    final Map<String, String> files = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    volatile int forceStatus;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            gets.incrementAndGet();
            if (path.startsWith("/away/")) {
                ex.getResponseHeaders().add("Location", base(other) + path.substring(5));
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            String body = files.get(path);
            if (forceStatus != 0 || body == null) {
                ex.sendResponseHeaders(forceStatus != 0 ? forceStatus : 404, -1);
                ex.close();
                return;
            }
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("ETag", etag);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            byte[] b = hello("Evil").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        other.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        other.stop(0);
    }

    static String base(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    static String hello(String who) {
        return "class hello { public static void main(String[] a) { System.out.println(\"hello " + who
                + " \" + String.join(\",\", a)); } }\n";
    }

    Jrun remote(String... args) {
        return jrun(args).env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                .env("JBANG_DIR", dir.resolve("jbang").toString());
    }

    void trust() {
        Jrun.Result r = remote("trust", "add", base(server) + "/").run();
        assertEquals(0, r.status(), r.toString());
    }

    @Test
    void untrustedOffATerminalIsRefusedWithTheLineThatTrustsIt() {
        files.put("/s/hello.java", hello("World"));
        Jrun.Result r = remote(base(server) + "/s/hello.java").run();
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.err().contains("jrun trust add " + base(server) + "/s/"), r.err());
        assertEquals(0, gets.get(), "nothing is fetched before it is trusted");
    }

    @Test
    void trustedRunsThenRunsWithoutTheNetworkWithinTheInterval() {
        files.put("/s/hello.java", hello("World"));
        trust();
        Jrun.Result r = remote(base(server) + "/s/hello.java", "a", "b").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("hello World a,b\n", r.out());
        int after = gets.get();
        Jrun.Result again = remote(base(server) + "/s/hello.java").run();
        assertEquals("hello World \n", again.out(), again.toString());
        assertEquals(after, gets.get(), "within the interval no request is made");
        server.stop(0);
        Jrun.Result gone = remote(base(server) + "/s/hello.java").env("JRUN_URL_CHECK_SECONDS", "0").run();
        assertEquals(0, gone.status(), gone.toString());
        assertEquals("hello World \n", gone.out());
        Jrun.Result offline = remote("--offline", base(server) + "/s/hello.java").env("JRUN_URL_CHECK_SECONDS", "0").run();
        assertEquals("hello World \n", offline.out(), offline.toString());
    }

    @Test
    void revalidatesAfterTheIntervalAnd304KeepsTheCopyAndAChangeIsFetched() {
        files.put("/s/hello.java", hello("One"));
        trust();
        assertEquals("hello One \n", remote(base(server) + "/s/hello.java").run().out());
        Jrun.Result same = remote(base(server) + "/s/hello.java").env("JRUN_URL_CHECK_SECONDS", "0").run();
        assertEquals("hello One \n", same.out(), same.toString());
        assertEquals(1, notModified.get(), "revalidated with If-None-Match, answered 304");
        files.put("/s/hello.java", hello("Two"));
        Jrun.Result changed = remote(base(server) + "/s/hello.java").env("JRUN_URL_CHECK_SECONDS", "0").run();
        assertEquals("hello Two \n", changed.out(), changed.toString());
    }

    @Test
    void notFoundAndServerErrorsFailWithoutACopy() {
        trust();
        Jrun.Result missing = remote(base(server) + "/s/none.java").run();
        assertEquals(9, missing.status(), missing.toString());
        assertTrue(missing.err().contains("404"), missing.err());
        forceStatus = 500;
        files.put("/s/hello.java", hello("World"));
        Jrun.Result broken = remote(base(server) + "/s/hello.java").run();
        assertEquals(9, broken.status(), broken.toString());
        assertTrue(broken.err().contains("500"), broken.err());
    }

    @Test
    void aRedirectToAnUntrustedHostIsRefused() {
        trust();
        Jrun.Result r = remote(base(server) + "/away/hello.java").run();
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.err().contains("not trusted") && r.err().contains("jrun trust add " + base(other) + "/"), r.err());
        assertTrue(!r.out().contains("Evil"), r.out());
    }

    @Test
    void relativeSourcesAreFetchedBesideTheScript() {
        files.put("/s/main.java", "//SOURCES lib/Util.java\nclass main { public static void main(String[] a) {"
                + " System.out.println(Util.word()); } }\n");
        files.put("/s/lib/Util.java", "class Util { static String word() { return \"util\"; } }\n");
        trust();
        Jrun.Result r = remote(base(server) + "/s/main.java").run();
        assertEquals(0, r.status(), r.toString());
        assertEquals("util\n", r.out());
    }

    @Test
    void trustListAddsListsAndRemoves() {
        trust();
        Jrun.Result list = remote("trust", "list").run();
        assertEquals(base(server) + "/\n", list.out(), list.toString());
        assertEquals(0, remote("trust", "remove", base(server) + "/").run().status());
        assertEquals("", remote("trust", "list").run().out());
        assertEquals(2, remote("trust", "remove", base(server) + "/").run().status());
    }
}
