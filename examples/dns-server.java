#!/usr/bin/env jrun
//DESCRIPTION Authoritative DNS server for A, AAAA and TXT from a zone file, on UDP and TCP at the same port (RFC 1035, RFC 7766).
//JAVA 21+

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Where sockets live: one service, two sockets on the same port number, because UDP port 53 and
 * TCP port 53 are different places (the protocol is part of the 5-tuple). A question fits in one
 * datagram, so DNS asks over UDP: no handshake, one packet each way. But a classic UDP answer may
 * hold only 512 bytes; a bigger one is cut short and marked TC ("truncated"), and the client asks
 * again over TCP, where a 2-byte length in front of every message (RFC 7766) marks where it ends,
 * since a stream has no message boundaries of its own.
 */
class DnsServer {
    static final int A = 1, TXT = 16, AAAA = 28, ANY = 255, IN = 1;
    static final int NOERROR = 0, FORMERR = 1, NXDOMAIN = 3, NOTIMP = 4, REFUSED = 5;
    static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};
    static final int UDP_LIMIT = 512;                               // RFC 1035 4.2.1 (this server speaks no EDNS)

    record Rr(int type, byte[] rdata) {}

    static final Map<String, List<Rr>> zone = new HashMap<>();     // lower-case name with its final dot -> records
    static boolean trace;
    static int ttl = 300;

    /** Used without --zone. */
    static final String DEMO_ZONE = """
            ; NAME                TYPE   VALUE
            www.example.test.     A      192.0.2.10
            www.example.test.     AAAA   2001:db8::10
            www.example.test.     TXT    "hello from jrun" "a second string"
            big.example.test.     TXT    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            big.example.test.     TXT    "1123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            big.example.test.     TXT    "2123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            big.example.test.     TXT    "3123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            big.example.test.     TXT    "4123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            big.example.test.     TXT    "5123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            """;

    public static void main(String[] args) throws Throwable {
        try {
            run(args);
        } catch (java.io.IOException e) {                // refused, unreachable, port taken: one line, status 1
            System.err.println("dns-server: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException {
        String host = "127.0.0.1", zoneFile = null;
        int port = 8053;                                   // not 53 (root only), not 5353 (mDNS, avahi)
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = port(args, ++i);
                case "--zone" -> zoneFile = value(args, ++i);
                case "--ttl" -> ttl = number(args, ++i);
                case "--trace" -> trace = true;
                case "-h", "--help" -> { help(); return; }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        try {
            loadZone(zoneFile == null ? DEMO_ZONE : Files.readString(Path.of(zoneFile)), zoneFile == null ? "demo zone" : zoneFile);
        } catch (IOException e) {
            usage("cannot read the zone file: " + e.getMessage());
        }

        // The same port number twice: TCP first (port 0 lets the kernel pick), then UDP on that number.
        ServerSocket tcp = null;
        DatagramSocket udp = null;
        for (int attempt = 0; udp == null; attempt++) {
            InetSocketAddress address = new InetSocketAddress(host, port);
            tcp = ServerSocketChannel.open(family(address)).socket();   // IPv4 sockets for IPv4 addresses
            tcp.setReuseAddress(true);
            try {
                tcp.bind(address, 128);  // socket + bind + listen (SOCK_STREAM)
            } catch (IOException e) {
                fail("cannot listen on TCP " + host + ":" + port + ": " + e.getMessage());
            }
            try {
                DatagramSocket d = DatagramChannel.open(family(address)).socket();
                try {
                    d.bind(new InetSocketAddress(host, tcp.getLocalPort()));   // socket + bind (SOCK_DGRAM)
                } catch (IOException e) {
                    d.close();
                    throw e;
                }
                udp = d;
            } catch (IOException e) {                          // that UDP port is taken: pick another
                tcp.close();
                if (port != 0 || attempt == 20) {
                    fail("cannot bind UDP " + host + ":" + port + ": " + e.getMessage());
                }
            }
        }
        trace("socket(SOCK_STREAM) + bind(" + host + ":" + tcp.getLocalPort() + ") + listen()");
        trace("socket(SOCK_DGRAM) + bind(" + host + ":" + udp.getLocalPort() + ")");
        System.out.println("listening on " + host + ":" + tcp.getLocalPort());
        System.out.println("serving " + zone.size() + " names over udp and tcp, " + (zoneFile == null ? "demo zone" : zoneFile));
        System.out.flush();

        ServerSocket tcpSocket = tcp;
        DatagramSocket udpSocket = udp;
        // SIGINT/SIGTERM: the JVM runs this hook and then exits with 130/143 (128 + signal number).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            udpSocket.close();
            try {
                tcpSocket.close();
            } catch (IOException ignored) {
            }
            System.out.println("stopped");
        }));
        Thread.ofPlatform().name("tcp").start(() -> serveTcp(tcpSocket));
        serveUdp(udpSocket);
    }

    static void serveUdp(DatagramSocket socket) {
        byte[] buf = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);                             // recvfrom(): one datagram, one question
                trace("recvfrom() = " + packet.getLength() + " bytes from " + text(packet.getSocketAddress()));
                byte[] reply = answer(ByteBuffer.wrap(buf, 0, packet.getLength()), "udp", text(packet.getSocketAddress()), UDP_LIMIT);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress())); // sendto()
                    trace("sendto(" + text(packet.getSocketAddress()) + ", " + reply.length + " bytes)");
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("udp: " + e.getMessage());
                }
            }
        }
    }

    static void serveTcp(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();                         // accept(): a connection of its own
                trace("accept() -> " + text(s.getRemoteSocketAddress()));
                Thread.ofVirtual().start(() -> serveConnection(s));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("tcp: " + e.getMessage());
                }
            }
        }
    }

    /** RFC 7766: any number of messages on one connection, each after its length in 2 bytes. */
    static void serveConnection(Socket s) {
        String peer = text(s.getRemoteSocketAddress());
        try (s) {
            s.setSoTimeout(10_000);                                 // idle connections are closed
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();                // read(): the 2-byte length...
                } catch (EOFException e) {
                    break;                                          // the client closed: done
                }
                byte[] query = in.readNBytes(length);               // ...then exactly that many bytes
                if (query.length < length) {
                    break;
                }
                trace("read(" + peer + ") = 2 + " + length + " bytes");
                byte[] reply = answer(ByteBuffer.wrap(query), "tcp", peer, 65535);
                if (reply != null) {
                    out.writeShort(reply.length);
                    out.write(reply);                               // write(): length and answer
                    out.flush();
                    trace("write(" + peer + ", 2 + " + reply.length + " bytes)");
                }
            }
        } catch (IOException e) {
            trace("tcp " + peer + ": " + e.getMessage());
        }
        trace("close(" + peer + ")");
    }

    /** The answer to one query message, at most {@code limit} bytes long; null if it deserves none. */
    static byte[] answer(ByteBuffer q, String proto, String peer, int limit) throws IOException {
        if (q.remaining() < 12) {
            return null;                                            // not even a header: ignore
        }
        int id = q.getShort() & 0xffff, flags = q.getShort() & 0xffff, qdcount = q.getShort() & 0xffff;
        q.position(12);
        if ((flags & 0x8000) != 0) {
            return null;                                            // a response, not a query
        }
        int opcode = (flags >> 11) & 0xf;
        String name = null;
        int qtype = 0, qclass = 0, rcode = NOERROR;
        List<Rr> answers = new ArrayList<>();
        if (opcode != 0) {
            rcode = NOTIMP;
        } else if (qdcount != 1) {
            rcode = FORMERR;
        } else {
            name = readName(q);
            if (name == null || q.remaining() < 4) {
                rcode = FORMERR;
                name = null;
            } else {
                qtype = q.getShort() & 0xffff;
                qclass = q.getShort() & 0xffff;
                List<Rr> records = zone.get(name.toLowerCase());
                if (qclass != IN) {
                    rcode = REFUSED;
                } else if (records == null) {
                    rcode = NXDOMAIN;                              // no such name at all
                } else {
                    for (Rr rr : records) {                         // the name exists: maybe no record of that type
                        if (rr.type() == qtype || qtype == ANY) {
                            answers.add(rr);
                        }
                    }
                }
            }
        }
        int questionEnd = name == null ? 12 : q.position();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        // header: ID, QR=1 | OPCODE | AA=1 | RD as asked | RCODE, then the four counts
        out.writeShort(id);
        out.writeShort(0x8000 | (opcode << 11) | 0x0400 | (flags & 0x0100) | rcode);
        out.writeShort(name == null ? 0 : 1);
        out.writeShort(answers.size());
        out.writeShort(0);
        out.writeShort(0);
        out.write(q.array(), q.arrayOffset() + 12, questionEnd - 12); // the question, as asked
        for (Rr rr : answers) {
            out.writeShort(0xC000 | 12);                            // the owner name: a pointer to the question's
            out.writeShort(rr.type());
            out.writeShort(IN);
            out.writeInt(ttl);
            out.writeShort(rr.rdata().length);
            out.write(rr.rdata());
        }
        byte[] reply = bytes.toByteArray();
        String log = proto + " " + peer + " " + typeName(qtype) + " " + name + " -> " + RCODES[rcode] + ", "
                + answers.size() + (answers.size() == 1 ? " answer, " : " answers, ") + reply.length + " bytes";
        if (reply.length > limit) {
            // Too big for a datagram: send the header and question only, with TC set; the client asks over TCP.
            reply = java.util.Arrays.copyOf(reply, questionEnd);
            reply[2] |= 0x02;                                       // TC
            reply[6] = 0;
            reply[7] = 0;                                           // ANCOUNT = 0
            log += ", truncated to " + reply.length + " (TC)";
        }
        System.out.println(log);
        return reply;
    }

    /** A name as labels (RFC 1035 3.1), as text with a final dot; null if malformed. */
    static String readName(ByteBuffer q) {
        StringBuilder name = new StringBuilder();
        while (q.hasRemaining()) {
            int len = q.get() & 0xff;
            if (len == 0) {
                return name.isEmpty() ? "." : name.toString();
            }
            if (len > 63 || q.remaining() < len || name.length() + len > 254) {
                return null;                                        // compression pointers have no place in a question
            }
            byte[] label = new byte[len];
            q.get(label);
            name.append(new String(label, StandardCharsets.ISO_8859_1)).append('.');
        }
        return null;
    }

    static String text(SocketAddress a) {
        InetSocketAddress i = (InetSocketAddress) a;
        return i.getAddress().getHostAddress() + ":" + i.getPort();
    }

    static String typeName(int type) {
        return switch (type) {
            case A -> "A";
            case AAAA -> "AAAA";
            case TXT -> "TXT";
            case ANY -> "ANY";
            default -> "TYPE" + type;
        };
    }

    /** Lines of NAME TYPE VALUE; names fully qualified (final dot optional); TXT values one or more "strings"; ; starts a comment. */
    static void loadZone(String text, String where) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            List<String> words = words(lines[n]);
            if (words == null) {
                usage(where + ":" + (n + 1) + ": a quoted string is not closed");
            }
            if (words.isEmpty()) {
                continue;
            }
            String at = where + ":" + (n + 1) + ": ";
            if (words.size() < 3) {
                usage(at + "expected NAME TYPE VALUE");
            }
            String name = words.get(0).toLowerCase();
            if (!name.endsWith(".")) {
                name += ".";                               // every name is fully qualified; the dot is optional
            }
            if (name.length() > 254 || name.startsWith(".") || name.contains("..")
                    || java.util.Arrays.stream(name.split("\\.")).anyMatch(l -> l.length() > 63)) {
                usage(at + "not a domain name: " + words.get(0) + " (labels of 1 to 63 characters, 253 in all)");
            }
            String type = words.get(1).toUpperCase();
            List<String> values = words.subList(2, words.size());
            Rr rr = switch (type) {
                case "A" -> new Rr(A, address(values, Inet4Address.class, at));
                case "AAAA" -> new Rr(AAAA, address(values, Inet6Address.class, at));
                case "TXT" -> new Rr(TXT, txt(values, at));
                default -> {
                    usage(at + "type " + words.get(1) + " is not served (A, AAAA, TXT)");
                    yield null;
                }
            };
            zone.computeIfAbsent(name, k -> new ArrayList<>()).add(rr);
        }
    }

    static byte[] address(List<String> values, Class<? extends InetAddress> kind, String at) {
        String v = values.get(0);
        if (values.size() != 1 || !v.matches("[0-9a-fA-F:.]+")) {             // a literal, never a lookup
            usage(at + "expected one " + (kind == Inet4Address.class ? "IPv4" : "IPv6") + " address");
        }
        boolean four = kind == Inet4Address.class;
        // dotted quads only for A (InetAddress would take "10.1" as 10.0.0.1), a colon for AAAA
        if (four ? v.matches("\\d{1,3}(\\.\\d{1,3}){3}") : v.contains(":")) {
            try {
                byte[] a = InetAddress.getByName(v).getAddress();
                if (a.length == (four ? 4 : 16)) {
                    return a;
                }
                if (!four && a.length == 4) {                      // ::ffff:1.2.3.4, which Java hands back as IPv4
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(a, 0, mapped, 12, 4);
                    return mapped;
                }
            } catch (IOException ignored) {
                // said below
            }
        }
        usage(at + "not a" + (kind == Inet4Address.class ? "n IPv4" : "n IPv6") + " address: " + v);
        return null;
    }

    /** RDATA of a TXT record: each string as its length byte and bytes. */
    static byte[] txt(List<String> values, String at) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            if (!v.startsWith("\"")) {
                usage(at + "TXT values are double-quoted strings");
            }
            byte[] s = v.substring(1).getBytes(StandardCharsets.UTF_8);
            if (s.length > 255) {
                usage(at + "a TXT string holds at most 255 bytes");
            }
            b.write(s.length);
            b.writeBytes(s);
        }
        return b.toByteArray();
    }

    /** A zone line's words; a quoted string is one word starting with " (quotes and \ escapes removed). Null if a quote is open. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ';') {
                break;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder w = new StringBuilder("\"");
                for (i++; ; i++) {
                    if (i >= line.length()) {
                        return null;
                    }
                    char d = line.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length()) {
                        d = line.charAt(++i);
                    }
                    w.append(d);
                }
                words.add(w.toString());
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != ';') {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return words;
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

    static void fail(String problem) {
        System.err.println("dns-server: " + problem);
        System.exit(1);
    }

    static void usage(String problem) {
        System.err.println("dns-server: " + problem + " (try --help)");
        System.exit(2);
    }

    static void help() {
        System.out.print("""
                usage: dns-server.java [--host ADDR] [--port N] [--zone FILE] [--ttl SECONDS] [--trace]

                An authoritative DNS server for A, AAAA and TXT records, on UDP and TCP at the same port.
                Unknown names get NXDOMAIN. A UDP answer over 512 bytes is sent truncated (TC flag, no
                answers) and the client asks again over TCP, where it gets the whole answer.

                  --host ADDR      address to listen on (default 127.0.0.1)
                  --port N         port, for UDP and TCP both (default 8053; 0 = any port free for both)
                  --zone FILE      the records, one a line: NAME TYPE VALUE, e.g.
                                     www.example.test.  A     192.0.2.10
                                     www.example.test.  AAAA  2001:db8::10
                                     www.example.test.  TXT   "one string" "another"
                                   names fully qualified; ; starts a comment. Default: a small demo zone.
                  --ttl SECONDS    the TTL of every answer (default 300)
                  --trace          print each socket call (bind, recvfrom, sendto, accept, read, write, close) on stderr

                The first line on stdout is "listening on HOST:PORT"; then one line per query. Try:
                  dig @127.0.0.1 -p PORT www.example.test A        (or AAAA, TXT; +tcp for TCP)
                  dig @127.0.0.1 -p PORT big.example.test TXT      (truncated over UDP, retried over TCP)
                SIGINT/SIGTERM stop it (exit status 130/143).
                """);
    }

    /** Java's plain socket classes would make AF_INET6 sockets (dual-stack, 127.0.0.1 as ::ffff:127.0.0.1). */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
