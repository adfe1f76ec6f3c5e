#!/usr/bin/env jrun
//DESCRIPTION Attach a classic BPF program to a UDP socket (setsockopt SO_ATTACH_FILTER, through FFM): the kernel drops what it rejects.
//JAVA 22+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/*
 * Where sockets live: inside the kernel, and a socket can carry a small program that runs there on
 * every packet before it is queued. A classic BPF program is an array of 8-byte instructions
 * (opcode, jump-if-true, jump-if-false, constant) handed over with setsockopt(SO_ATTACH_FILTER);
 * its return value is how many bytes of the packet to keep, 0 meaning "drop". A packet the filter
 * drops never reaches the socket's queue: recvfrom() never sees it, and the kernel counts it in
 * the socket's "drops" column of /proc/net/udp. java.net has no such option, so the socket is
 * made and filtered with libc's calls through the FFM API; the datagrams are sent with plain java.net.
 */
class BpfFilter {
    static final int AF_INET = 2, SOCK_DGRAM = 2, SOL_SOCKET = 1, SO_RCVTIMEO = 20, SO_ATTACH_FILTER = 26;
    static final int EINTR = 4, EAGAIN = 11, MSG_DONTWAIT = 0x40;
    static final Linker C = Linker.nativeLinker();
    static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final MethodHandle SOCKET = libc("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final MethodHandle SETSOCKOPT = libc("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle BIND = libc("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle GETSOCKNAME = libc("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle RECVFROM = libc("recvfrom", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle CLOSE = libc("close", JAVA_INT, JAVA_INT);

    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("bpf-filter: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** The filter compares one byte, so --accept must be one character that UTF-8 encodes as one byte. */
    static char oneByte(String v) {
        if (v.length() != 1 || v.charAt(0) > 127) {
            int bytes = v.getBytes(StandardCharsets.UTF_8).length;
            usage("--accept wants one ASCII character (the filter compares the payload's first byte), not \""
                    + v + "\"" + (bytes > 1 && v.codePointCount(0, v.length()) == 1 ? ", which is " + bytes + " bytes in UTF-8" : ""));
        }
        return v.charAt(0);
    }

    static void run(String[] args) throws Throwable {
        String host = "127.0.0.1";
        int port = 0, count = 10;
        char accept = 'A';
        boolean listen = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--accept" -> accept = oneByte(value(args, ++i));
                case "--count" -> count = number(args, ++i);
                case "--listen" -> listen = true;
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        Arena arena = Arena.global();
        int fd = (int) call("socket(AF_INET, SOCK_DGRAM, 0)", SOCKET, AF_INET, SOCK_DGRAM, 0);
        MemorySegment addr = sockaddr(arena, host, port);
        call("bind(fd, {" + host + ":" + port + "}, 16)", BIND, fd, addr, 16);
        call("getsockname(fd)", GETSOCKNAME, fd, addr, arena.allocateFrom(JAVA_INT, 16));
        port = Short.toUnsignedInt(addr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));

        // The program. For a UDP socket the packet it sees starts at the 8-byte UDP header, so the
        // first byte of the payload is at offset 8.
        int[][] program = {
            {0x30, 0, 0, 8},            // ldb [8]           A = first payload byte    (BPF_LD|BPF_B|BPF_ABS)
            {0x15, 0, 1, accept},       // jeq #accept, 0, 1 equal? next, else skip one (BPF_JMP|BPF_JEQ|BPF_K)
            {0x06, 0, 0, 0xFFFF},       // ret #65535        keep the packet (up to 65535 bytes)
            {0x06, 0, 0, 0},            // ret #0            drop it
        };
        MemorySegment filter = arena.allocate(8L * program.length, 8);  // struct sock_filter[]
        for (int i = 0; i < program.length; i++) {
            filter.set(JAVA_SHORT, 8L * i, (short) program[i][0]);
            filter.set(JAVA_BYTE, 8L * i + 2, (byte) program[i][1]);
            filter.set(JAVA_BYTE, 8L * i + 3, (byte) program[i][2]);
            filter.set(JAVA_INT, 8L * i + 4, program[i][3]);
        }
        MemorySegment fprog = arena.allocate(16, 8);                // struct sock_fprog { u16 len; sock_filter *filter; }
        fprog.set(JAVA_SHORT, 0, (short) program.length);
        fprog.set(ADDRESS, 8, filter);
        call("setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, {" + program.length + " instructions}, 16)", SETSOCKOPT, fd,
                SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16);
        String rule = "first byte of the payload is '" + accept + "'";

        MemorySegment buf = arena.allocate(65536);
        MemorySegment from = arena.allocate(16);
        MemorySegment fromLen = arena.allocate(JAVA_INT);
        if (listen) {
            System.out.println("listening on " + host + ":" + port);
            System.out.println("filter attached: deliver only datagrams whose " + rule);
            System.out.flush();
            int udpPort = port;
            int[] delivered = {0};
            // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped: " + delivered[0]
                    + " delivered, " + kernelDrops(udpPort) + " filtered (the kernel's drop count for this socket)")));
            while (true) {
                fromLen.set(JAVA_INT, 0, 16);
                long n = call("recvfrom(fd)", RECVFROM, fd, buf, buf.byteSize(), 0, from, fromLen);
                delivered[0]++;
                System.out.println("delivered: " + text(buf, n));
            }
        }

        // The demo: send --count datagrams from an ordinary java.net socket, every other one starting
        // with the accepted byte, then receive until nothing more comes for 300 ms.
        MemorySegment timeout = arena.allocate(16, 8);              // struct timeval { tv_sec; tv_usec; }
        timeout.set(JAVA_LONG, 8, 300_000);
        call("setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, {0 s, 300000 us}, 16)", SETSOCKOPT, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
        System.out.println("filter attached to UDP " + host + ":" + port + ": deliver only datagrams whose " + rule);
        char other = accept == 'B' ? 'C' : 'B';
        int delivered = 0;
        try (DatagramSocket sender = new DatagramSocket()) {
            for (int i = 0; i < count; i++) {
                byte[] data = ((i % 2 == 0 ? accept : other) + " datagram " + i).getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(data, data.length, new InetSocketAddress(host, port)));
                trace("sendto(" + host + ":" + port + ", \"" + new String(data, StandardCharsets.UTF_8) + "\")");
                if (i % 64 == 63) {
                    // take what arrived so far: a full receive queue would drop datagrams too, and the
                    // kernel counts those in the same "drops" column as the filter's
                    delivered += receive(fd, buf, from, fromLen, MSG_DONTWAIT);
                }
            }
        }
        delivered += receive(fd, buf, from, fromLen, 0);
        String drops = kernelDrops(port);                           // read before close() removes the line
        call("close(fd)", CLOSE, fd);
        System.out.println("sent " + count + ", delivered " + delivered + ", filtered " + (count - delivered)
                + " (the kernel's drop count for the socket: " + drops + ")");
        System.exit(delivered == (count + 1) / 2 ? 0 : 1);                // every other one should have passed
    }

    /** recvfrom() until nothing more comes (now, or within the 300 ms timeout); returns how many came. */
    static int receive(int fd, MemorySegment buf, MemorySegment from, MemorySegment fromLen, int flags) throws Throwable {
        int got = 0;
        while (true) {
            fromLen.set(JAVA_INT, 0, 16);
            long n;
            try {
                n = call("recvfrom(fd)", RECVFROM, fd, buf, buf.byteSize(), flags, from, fromLen);
            } catch (IOException e) {
                return got;                                         // EAGAIN: nothing more, all is in
            }
            got++;
            System.out.println("  delivered: " + text(buf, n));
        }
    }

    /** The last column ("drops") of the socket's line in /proc/net/udp, found by its local port. */
    static String kernelDrops(int port) {
        try {
            String hexPort = String.format(":%04X ", port);
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 12 && (f[1] + " ").endsWith(hexPort)) {
                    return f[f.length - 1];
                }
            }
        } catch (IOException ignored) {
        }
        return "?";
    }

    static String text(MemorySegment buf, long n) {
        return new String(buf.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8).stripTrailing();
    }

    /** Calls a libc function, traces it ("fd" in {@code what} stands for args[0]), turns -1 into an IOException. */
    static long call(String what, MethodHandle fn, Object... args) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO_STATE);
            Object[] all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
            while (true) {
                long r = ((Number) fn.invokeWithArguments(all)).longValue();
                int errno = r == -1 ? (int) ERRNO.get(state, 0L) : 0;
                trace(what.replace("fd", String.valueOf(args[0])) + " = " + r + (r == -1 ? " (errno " + errno + ")" : "")
                        + (what.startsWith("recvfrom") && r > 0 ? ": \"" + text((MemorySegment) args[1], r) + "\"" : ""));
                if (r != -1) {
                    return r;
                }
                if (errno != EINTR) {
                    throw new IOException(what + " failed: errno " + errno + (errno == EAGAIN ? " (timeout)" : ""));
                }
            }
        }
    }

    /** struct sockaddr_in: family, port in network byte order, IPv4 address, zeros. */
    static MemorySegment sockaddr(Arena arena, String host, int port) throws IOException {
        MemorySegment sa = arena.allocate(16);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(InetAddress.getByName(host).getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    static MethodHandle libc(String name, MemoryLayout result, MemoryLayout... params) {
        return C.downcallHandle(C.defaultLookup().find(name).orElseThrow(), FunctionDescriptor.of(result, params),
                Linker.Option.captureCallState("errno"));
    }

    static void trace(String step) {
        if (trace) {
            System.err.println("[trace] " + step);
        }
    }

    /** A port number after option args[i - 1]: 0 (any free one) to 65535; a usage error otherwise. */
    static int port(String[] args, int i) {
        int port = number(args, i);
        if (port > 65535) {
            usage(args[i - 1] + " wants a port number from 0 to 65535, not " + port);
        }
        return port;
    }

    /** A whole number of 0 or more after option args[i - 1]; a usage error otherwise. */
    static int number(String[] args, int i) {
        String v = value(args, i);
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage(args[i - 1] + " wants a whole number of 0 or more, not '" + v + "'");
        return -1;
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static void usage(String problem) {
        System.err.println("bpf-filter: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: bpf-filter.java [--accept CHAR] [--count N] [--trace]
                       bpf-filter.java --listen [--host ADDR] [--port N] [--accept CHAR] [--trace]

                Makes a UDP socket with libc's socket() and bind() (through the FFM API, JDK 22+) and
                attaches a 4-instruction classic BPF program with setsockopt(SO_ATTACH_FILTER): the kernel
                delivers only datagrams whose first payload byte is CHAR (default A) and drops the others.

                By default it sends N datagrams to the socket itself (default 10, every other one starting
                with CHAR), receives what gets through, and prints the counts sent, delivered and filtered,
                with the kernel's own count of dropped datagrams for the socket (/proc/net/udp).

                  --listen       instead, wait for datagrams from others and print each one delivered;
                                 the first line on stdout is "listening on HOST:PORT" (--port 0: any port).
                                 SIGINT/SIGTERM stop it (exit status 130/143) after printing the counts.
                  --trace        print each call (socket, bind, setsockopt, sendto, recvfrom, close) on stderr

                Exit status of the demo: 0 if exactly the matching datagrams got through, else 1.
                Try:  bpf-filter.java --listen --port 9999   and   echo Apple | socat - UDP:127.0.0.1:9999
                """);
    }
}
