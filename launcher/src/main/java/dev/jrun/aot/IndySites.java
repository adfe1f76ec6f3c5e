package dev.jrun.aot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A class file's invokedynamic call sites whose bootstrap is one of the JDK's own factories
 * (lambdas, string concatenation, records' methods), as lines for {@link ProbeMain}, which links
 * them as the script's first run would: the JDK then records the method-handle forms they need
 * (the {@code @lambda-form-invoker} lines of a class list), and the archive holds them. (The lambda
 * proxy classes themselves, {@code @lambda-proxy}, the JVM records only when it links a site as
 * it runs, which takes running the script.) A bootstrap of any other class is left out: it could be the script's
 * own code, and the probe runs none.
 *
 * <p>A line: {@code @indy CALLER BOOTSTRAP-OWNER BOOTSTRAP-NAME BOOTSTRAP-DESCRIPTOR NAME DESCRIPTOR ARG...},
 * each ARG one of {@code s}HEX (a string, its UTF-8 in hex), {@code t}DESCRIPTOR (a method type),
 * {@code c}NAME (a class), {@code i}INT, {@code h}KIND{@code ,}OWNER{@code ,}NAME{@code ,}DESCRIPTOR (a method handle).
 */
final class IndySites {
    static final String PREFIX = "@indy ";
    private static final Set<String> FACTORIES = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    private IndySites() {
    }

    /** The lines for the class file's call sites; none if it is not a class file this can read. */
    static List<String> of(byte[] classFile) {
        try {
            return read(classFile);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return List.of();
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tag = new int[count];
        Object[] value = new Object[count]; // String (utf8), int[] (references), Integer
        List<Integer> sites = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> value[i] = in.readUTF();
                case 3 -> value[i] = in.readInt();
                case 7, 8, 16, 19, 20 -> value[i] = new int[] {in.readUnsignedShort()};
                case 15 -> value[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> {
                    value[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    if (tag[i] == 18) {
                        sites.add(i);
                    }
                }
                case 4 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> {
                    return List.of();
                }
            }
        }
        if (sites.isEmpty()) {
            return List.of();
        }
        in.readUnsignedShort();
        String caller = utf8(value, ((int[]) value[in.readUnsignedShort()])[0]);
        in.readUnsignedShort();
        in.skipBytes(2 * in.readUnsignedShort());
        for (int members = 0; members < 2; members++) { // fields, then methods
            for (int n = in.readUnsignedShort(); n > 0; n--) {
                in.skipBytes(6);
                skipAttributes(in);
            }
        }
        int[][] bootstraps = null;
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            String name = utf8(value, in.readUnsignedShort());
            int length = in.readInt();
            if (!name.equals("BootstrapMethods")) {
                in.skipBytes(length);
                continue;
            }
            bootstraps = new int[in.readUnsignedShort()][];
            for (int b = 0; b < bootstraps.length; b++) {
                int ref = in.readUnsignedShort();
                int[] entry = new int[1 + in.readUnsignedShort()];
                entry[0] = ref;
                for (int a = 1; a < entry.length; a++) {
                    entry[a] = in.readUnsignedShort();
                }
                bootstraps[b] = entry;
            }
        }
        if (bootstraps == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int site : sites) {
            int[] indy = (int[]) value[site];
            int[] bsm = bootstraps[indy[0]];
            int[] handle = (int[]) value[bsm[0]];
            int[] member = (int[]) value[handle[1]];
            String owner = utf8(value, ((int[]) value[member[0]])[0]);
            if (handle[0] != 6 || !FACTORIES.contains(owner)) {
                continue;
            }
            int[] bsmNt = (int[]) value[member[1]];
            int[] nt = (int[]) value[indy[1]];
            StringBuilder line = new StringBuilder(PREFIX).append(caller).append(' ').append(owner).append(' ')
                    .append(utf8(value, bsmNt[0])).append(' ').append(utf8(value, bsmNt[1])).append(' ')
                    .append(utf8(value, nt[0])).append(' ').append(utf8(value, nt[1]));
            boolean ok = true;
            for (int a = 1; a < bsm.length && ok; a++) {
                String arg = arg(tag, value, bsm[a]);
                ok = arg != null;
                line.append(' ').append(arg);
            }
            if (ok) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static String arg(int[] tag, Object[] value, int i) {
        return switch (tag[i]) {
            case 8 -> "s" + hex(utf8(value, ((int[]) value[i])[0]));
            case 16 -> "t" + utf8(value, ((int[]) value[i])[0]);
            case 7 -> "c" + utf8(value, ((int[]) value[i])[0]);
            case 3 -> "i" + value[i];
            case 15 -> {
                int[] h = (int[]) value[i];
                int[] member = (int[]) value[h[1]];
                int[] nt = (int[]) value[member[1]];
                yield "h" + h[0] + "," + utf8(value, ((int[]) value[member[0]])[0]) + "," + utf8(value, nt[0]) + ","
                        + utf8(value, nt[1]);
            }
            default -> null; // a constant this does not rebuild: the site is left out
        };
    }

    private static String utf8(Object[] value, int i) {
        return (String) value[i];
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }

    static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
