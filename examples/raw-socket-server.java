#!/usr/bin/env jrun
//DESCRIPTION The TCP echo server written directly against libc: socket, bind, listen, accept, read, write, close through the FFM API.
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
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Where sockets live, with nothing in between: no java.net, only the seven calls of the talk,
 * looked up in libc and called through the Foreign Function & Memory API. A socket is a small
 * integer, a file descriptor; the address is a 16-byte struct sockaddr_in we fill in ourselves
 * (the port in network byte order); errors come back as -1 and errno. The --trace output is the
 * same as strace would show. Each connection gets a platform thread, since a virtual thread in a
 * native call would pin its carrier thread.
 */
class RawSocketServer {
    static final int AF_INET = 2, SOCK_STREAM = 1, SOL_SOCKET = 1, SO_REUSEADDR = 2, EINTR = 4;
    static final Linker C = Linker.nativeLinker();
    static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static final MethodHandle SOCKET = libc("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final MethodHandle SETSOCKOPT = libc("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle BIND = libc("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle LISTEN = libc("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    static final MethodHandle GETSOCKNAME = libc("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle ACCEPT = libc("accept", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle READ = libc("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle WRITE = libc("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle CLOSE = libc("close", JAVA_INT, JAVA_INT);
    static final MethodHandle STRERROR = C.downcallHandle(C.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    static boolean trace;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("raw-socket-server: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws Throwable {
        String host = "127.0.0.1";
        int port = 7007, backlog = 1024;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--backlog" -> backlog = number(args, ++i);
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        Arena arena = Arena.global();
        int fd = (int) call("socket", SOCKET, AF_INET, SOCK_STREAM, 0);
        MemorySegment one = arena.allocateFrom(JAVA_INT, 1);
        call("setsockopt", SETSOCKOPT, fd, SOL_SOCKET, SO_REUSEADDR, one, 4);
        MemorySegment addr = sockaddr(arena, host, port);
        try {
            call("bind", BIND, fd, addr, 16);
        } catch (IOException e) {
            fail("cannot bind " + host + ":" + port + ": " + e.getMessage());
        }
        call("listen", LISTEN, fd, backlog);
        MemorySegment len = arena.allocateFrom(JAVA_INT, 16);
        call("getsockname", GETSOCKNAME, fd, addr, len);           // which port did bind(0) get?
        System.out.println("listening on " + host + ":" + port(addr));
        System.out.flush();

        AtomicInteger served = new AtomicInteger();
        // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                call("close", CLOSE, fd);
            } catch (Throwable ignored) {
            }
            System.out.println("stopped: " + served.get() + " connections served");
        }));

        MemorySegment peer = arena.allocate(16);
        while (true) {
            len.set(JAVA_INT, 0, 16);
            int conn;
            try {
                conn = (int) call("accept", ACCEPT, fd, peer, len);
            } catch (IOException e) {
                System.err.println(e.getMessage());              // e.g. EMFILE; the listening socket stays
                continue;
            }
            served.incrementAndGet();
            String from = address(peer) + ":" + port(peer);
            new Thread(() -> echo(conn, from)).start();
        }
    }

    /** read() until 0 (the peer closed), write() back every byte, close(). */
    static void echo(int fd, String from) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            while (true) {
                long n = call("read", READ, fd, buf, buf.byteSize());
                if (n == 0) {
                    break;
                }
                for (long done = 0; done < n; ) {                   // write() may take only part of it
                    done += call("write", WRITE, fd, buf.asSlice(done), n - done);
                }
            }
        } catch (Throwable e) {
            System.err.println("connection from " + from + ": " + e.getMessage());
        } finally {
            try {
                call("close", CLOSE, fd);
            } catch (Throwable ignored) {
            }
        }
    }

    /** Calls a libc function, traces it like strace, and turns -1 into an IOException with errno's text. */
    static long call(String name, MethodHandle fn, Object... args) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO_STATE);
            Object[] all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
            while (true) {
                long r = ((Number) fn.invokeWithArguments(all)).longValue();
                int errno = r == -1 ? (int) ERRNO.get(state, 0L) : 0;
                if (trace) {
                    System.err.println("[trace] " + name + "(" + describe(args) + ") = " + r
                            + (r == -1 ? " " + strerror(errno) : ""));
                }
                if (r != -1) {
                    return r;
                }
                if (errno != EINTR) {
                    throw new IOException(name + ": " + strerror(errno));
                }
            }
        }
    }

    static String describe(Object[] args) {
        StringBuilder b = new StringBuilder();
        for (Object a : args) {
            b.append(b.isEmpty() ? "" : ", ");
            if (a instanceof MemorySegment m) {
                b.append(m.byteSize() == 16 && m.get(JAVA_SHORT, 0) == AF_INET ? "{" + address(m) + ":" + port(m) + "}"
                        : m.byteSize() == 4 ? "[" + m.get(JAVA_INT, 0) + "]" : "buf");
            } else {
                b.append(a);
            }
        }
        return b.toString();
    }

    static String strerror(int errno) throws Throwable {
        return ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(256).getString(0);
    }

    /** struct sockaddr_in: family (host order), port (network order, big-endian), IPv4 address, 8 zero bytes. */
    static MemorySegment sockaddr(Arena arena, String host, int port) throws IOException {
        MemorySegment sa = arena.allocate(16);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(InetAddress.getByName(host).getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    static int port(MemorySegment sa) {
        return Short.toUnsignedInt(sa.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
    }

    static String address(MemorySegment sa) {
        return (sa.get(JAVA_BYTE, 4) & 0xff) + "." + (sa.get(JAVA_BYTE, 5) & 0xff) + "." + (sa.get(JAVA_BYTE, 6) & 0xff)
                + "." + (sa.get(JAVA_BYTE, 7) & 0xff);
    }

    static MethodHandle libc(String name, MemoryLayout result, MemoryLayout... params) {
        return C.downcallHandle(C.defaultLookup().find(name).orElseThrow(), FunctionDescriptor.of(result, params),
                Linker.Option.captureCallState("errno"));
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

    static void fail(String problem) {
        System.err.println("raw-socket-server: " + problem);
        System.exit(1);
    }

    static void usage(String problem) {
        System.err.println("raw-socket-server: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: raw-socket-server.java [--host ADDR] [--port N] [--backlog N] [--trace]

                The TCP echo server again, but calling libc's socket, setsockopt, bind, listen, getsockname,
                accept, read, write and close itself, through the Foreign Function & Memory API (JDK 22+).
                With --trace each call is printed on stderr as strace would show it: the file descriptor
                numbers, the sockaddr_in structs, and the return values.

                  --host ADDR    IPv4 address to listen on (default 127.0.0.1)
                  --port N       port (default 7007; 0 = any free port)
                  --backlog N    length of the accept queue (default 1024)

                The first line on stdout is "listening on HOST:PORT". SIGINT/SIGTERM stop it (exit status
                130/143). Try:  echo hello | socat - TCP:127.0.0.1:PORT
                """);
    }
}
