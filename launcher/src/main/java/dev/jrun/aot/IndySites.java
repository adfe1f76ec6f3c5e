package dev.jrun.aot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
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
    /** The class list's tag for the constant-pool entries a class's run resolved (JDK 24 and later). */
    static final String RESOLVED = "@cp ";
    /** The factories whose call sites an AOT-linking dump links ahead of time (JEP 483). */
    private static final Set<String> LINKED_AHEAD = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory");
    /** The factories whose sites the probe links: those, and records' methods. */
    private static final Set<String> FACTORIES = java.util.stream.Stream.concat(LINKED_AHEAD.stream(),
            java.util.stream.Stream.of("java/lang/runtime/ObjectMethods")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private IndySites() {
    }

    /** The lines for the class file's call sites; none if it is not a class file this can read. */
    static List<String> of(byte[] classFile) {
        Pool pool = Pool.read(classFile);
        if (pool == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int site : pool.sites()) {
            int[] indy = (int[]) pool.value()[site];
            int[] bsm = pool.bootstraps()[indy[0]];
            String owner = pool.factory(site);
            if (owner == null) {
                continue;
            }
            int[] member = (int[]) pool.value()[((int[]) pool.value()[bsm[0]])[1]];
            int[] bsmNt = (int[]) pool.value()[member[1]];
            int[] nt = (int[]) pool.value()[indy[1]];
            StringBuilder line = new StringBuilder(PREFIX).append(pool.caller()).append(' ').append(owner).append(' ')
                    .append(pool.utf8(bsmNt[0])).append(' ').append(pool.utf8(bsmNt[1])).append(' ')
                    .append(pool.utf8(nt[0])).append(' ').append(pool.utf8(nt[1]));
            boolean ok = true;
            for (int a = 1; a < bsm.length && ok; a++) {
                String arg = arg(pool.tag(), pool.value(), bsm[a]);
                ok = arg != null;
                line.append(' ').append(arg);
            }
            if (ok) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /**
     * The class list's {@code @lambda-proxy} line for a lambda's call site (one of
     * {@code LambdaMetafactory.metafactory}), which a JDK 17–23 dump makes the lambda's class for, as
     * the JVM records it when a run links the site; "" for any other site.
     */
    static String lambdaProxy(String siteLine) {
        String[] w = siteLine.substring(PREFIX.length()).split(" ");
        if (!w[1].equals("java/lang/invoke/LambdaMetafactory") || !w[2].equals("metafactory") || w.length != 9
                || !w[6].startsWith("t") || !w[7].startsWith("h") || !w[8].startsWith("t")) {
            return "";
        }
        String[] impl = w[7].substring(1).split(",");
        String kind = switch (impl[0]) {
            case "5" -> "REF_invokeVirtual";
            case "6" -> "REF_invokeStatic";
            case "7" -> "REF_invokeSpecial";
            case "8" -> "REF_newInvokeSpecial";
            case "9" -> "REF_invokeInterface";
            default -> null;
        };
        if (kind == null || impl.length != 4) {
            return "";
        }
        return String.join(" ", "@lambda-proxy", w[0], w[4], w[5], w[6].substring(1), kind, impl[1], impl[2], impl[3],
                w[8].substring(1));
    }

    /**
     * The class list's line for the method-handle form through which the JVM calls the target of a
     * linked call site of this type ({@code Invokers.linkToTargetMethod}): its basic types, the
     * site's parameters and the appendix, then the return type, as the JDK names forms ({@code IL_L}
     * for {@code (I)Ljava/lang/String;}; a run of three or more the same as the letter and the count).
     */
    static String linkerForm(String siteLine) {
        String descriptor = siteLine.substring(PREFIX.length()).split(" ")[5];
        MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptor);
        StringBuilder basic = new StringBuilder();
        for (ClassDesc p : type.parameterList()) {
            basic.append(basic(p));
        }
        basic.append('L').append('_').append(basic(type.returnType()));
        return "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.Invokers$Holder linkToTargetMethod "
                + shortened(basic.toString());
    }

    private static char basic(ClassDesc type) {
        if (!type.isPrimitive()) {
            return 'L';
        }
        return switch (type.descriptorString().charAt(0)) {
            case 'J' -> 'J';
            case 'F' -> 'F';
            case 'D' -> 'D';
            case 'V' -> 'V';
            default -> 'I'; // int, and the types the JVM widens to it: boolean, byte, char, short
        };
    }

    private static String shortened(String signature) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < signature.length();) {
            char c = signature.charAt(i);
            int run = 1;
            while (i + run < signature.length() && signature.charAt(i + run) == c) {
                run++;
            }
            out.append(run >= 3 ? c + String.valueOf(run) : String.valueOf(c).repeat(run));
            i += run;
        }
        return out.toString();
    }

    /**
     * The class list's {@code @cp} line for the class file (JDK 24 and later), as the JVM writes it
     * for a class whose code ran: the constant-pool entries an AOT-linking dump may resolve ahead of
     * time (classes, fields, methods, and the call sites of lambdas and string concatenation, whose
     * factories are the JDK's). The dump resolves only those it can and may (it leaves the rest to
     * the run), and nothing runs: no class is initialized by it. Empty if there are none, or if it
     * is not a class file this can read.
     */
    static String preresolved(byte[] classFile) {
        Pool pool = Pool.read(classFile);
        if (pool == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(RESOLVED).append(pool.caller());
        int n = 0;
        for (int i = 1; i < pool.tag().length; i++) {
            int t = pool.tag()[i];
            boolean linked = t == 18 ? LINKED_AHEAD.contains(String.valueOf(pool.factory(i))) : t == 7 || t == 9 || t == 10 || t == 11;
            if (linked) {
                line.append(' ').append(i);
                n++;
            }
        }
        return n == 0 ? "" : line.toString();
    }

    /**
     * A class file's constant pool (tags, and for each entry its UTF-8 text, integer or the indices
     * it refers to), its name and its bootstrap methods (each the handle's index, then its arguments').
     */
    private record Pool(int[] tag, Object[] value, String caller, int[][] bootstraps, List<Integer> sites) {
        static Pool read(byte[] classFile) {
            try {
                return parse(classFile);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        String utf8(int i) {
            return (String) value[i];
        }

        /** The owner of the site's bootstrap method, if it is one of the JDK's factories; else null. */
        String factory(int site) {
            if (bootstraps == null || tag[site] != 18) {
                return null;
            }
            int[] handle = (int[]) value[bootstraps[((int[]) value[site])[0]][0]];
            int[] member = (int[]) value[handle[1]];
            String owner = utf8(((int[]) value[member[0]])[0]);
            return handle[0] == 6 && FACTORIES.contains(owner) ? owner : null;
        }

        private static Pool parse(byte[] classFile) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                return null;
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
                        return null;
                    }
                }
            }
            in.readUnsignedShort();
            String caller = (String) value[((int[]) value[in.readUnsignedShort()])[0]];
            if (sites.isEmpty()) {
                return new Pool(tag, value, caller, null, sites);
            }
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
                String name = (String) value[in.readUnsignedShort()];
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
            return new Pool(tag, value, caller, bootstraps, sites);
        }
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
