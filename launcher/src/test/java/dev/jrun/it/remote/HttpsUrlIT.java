package dev.jrun.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** jrun https://... against a server on 127.0.0.1 with a certificate this test makes (keytool). */
class HttpsUrlIT extends ScriptDir {
    @Test
    void aTrustedHttpsScriptRunsWithTheCertificateGivenThroughBuilderOpts() throws Exception {
        Path keys = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", "secret", "-keypass", "secret");
        run(keytool, "-exportcert", "-alias", "s", "-keystore", keys.toString(), "-storepass", "secret",
                "-file", dir.resolve("s.cer").toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "s", "-file", dir.resolve("s.cer").toString(),
                "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass", "secret");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", ex -> {
            byte[] b = "class hi { public static void main(String[] a) { System.out.println(\"over tls\"); } }\n"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            String base = "https://127.0.0.1:" + server.getAddress().getPort();
            String opts = "-Djavax.net.ssl.trustStore=" + ca + " -Djavax.net.ssl.trustStorePassword=secret";
            Jrun.Result untrusted = jrun(base + "/hi.java").env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                    .env("JRUN_BUILDER_OPTS", opts).run();
            assertEquals(9, untrusted.status(), untrusted.toString());
            assertTrue(untrusted.err().contains("jrun trust add " + base + "/"), untrusted.err());
            assertEquals(0, jrun("trust", "add", base + "/").env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                    .run().status());
            Jrun.Result r = jrun(base + "/hi.java").env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                    .env("JRUN_BUILDER_OPTS", opts).run();
            assertEquals(0, r.status(), r.toString());
            assertEquals("over tls\n", r.out());
        } finally {
            server.stop(0);
        }
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}
