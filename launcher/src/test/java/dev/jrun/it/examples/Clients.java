package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** The tests' own clients: independent of the examples' clients, they check every byte. */
final class Clients {
    private Clients() {
    }

    /**
     * Opens {@code connections} TCP connections and holds them all open at once, then writes
     * {@code size} distinct bytes on each, reads the echo of each and compares it byte for byte.
     */
    static void tcpEcho(String host, int port, int connections, int size) throws IOException {
        List<SocketChannel> open = new ArrayList<>(connections);
        try {
            InetSocketAddress to = new InetSocketAddress(host, port);
            for (int c = 0; c < connections; c++) {
                open.add(SocketChannel.open(to));
            }
            for (int c = 0; c < connections; c++) {
                ByteBuffer b = ByteBuffer.wrap(payload(c, size));
                while (b.hasRemaining()) {
                    open.get(c).write(b);
                }
            }
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = open.get(c);
                ch.socket().setSoTimeout(30_000);
                byte[] echo = ch.socket().getInputStream().readNBytes(size);
                assertArrayEquals(payload(c, size), echo, "echo on connection " + c);
            }
        } finally {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
    }

    /** Sends {@code count} distinct datagrams one after another, each checked when it comes back. */
    static void udpEcho(String host, int port, int count, int size) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5_000);
            InetSocketAddress to = new InetSocketAddress(host, port);
            byte[] buf = new byte[65535];
            for (int i = 0; i < count; i++) {
                byte[] data = payload(i, size);
                s.send(new DatagramPacket(data, data.length, to));
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                s.receive(reply);
                assertEquals(to, reply.getSocketAddress());
                assertArrayEquals(data, Arrays.copyOf(buf, reply.getLength()), "echo of datagram " + i);
            }
        }
    }

    /** Bytes that differ from one {@code n} to the next, with n itself in the first four. */
    static byte[] payload(int n, int size) {
        byte[] b = new byte[Math.max(size, 4)];
        new Random(n).nextBytes(b);
        ByteBuffer.wrap(b).putInt(n);
        return Arrays.copyOf(b, size);
    }

    /** A port free right now, on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Skips the test unless this JVM may open {@code n} files (the JVM raises its soft limit to the hard one). */
    static void needFiles(long n) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.split("\\s+")[3];
                Assumptions.assumeTrue(soft.equals("unlimited") || Long.parseLong(soft) >= n,
                        "this test needs " + n + " open files; the limit is " + soft + " (ulimit -n)");
            }
        }
    }
}
