package dev.jrun.aot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes an archive is dumped with, found without running the script: the JDK's own default
 * class list ({@code lib/classlist}, what the JDK's default archive holds), then every class of the
 * script's jar and, transitively, every class of the other jars that those classes name in their
 * constant pools, and the JDK classes they name directly.
 *
 * <p>This is why a script's JVM never carries a recording flag that its child JVMs would inherit:
 * nothing is recorded from the run. The list may name classes the script never loads (they cost
 * archive space, not time) and misses those it loads only by name (they are loaded from the jar,
 * as without an archive). {@code java -Xshare:dump} loads the listed classes without initializing
 * them: none of the script's code runs.
 */
final class ClassList {
    /** A bound on the classes taken from the jars, for scripts with very large libraries. */
    static final int MAX_CLASSES = 20_000;
    private static final Pattern DESCRIPTOR = Pattern.compile("L([A-Za-z_$0-9/]+)[;<]");

    private ClassList() {
    }

    /**
     * The lines of the class list.
     *
     * @param jdkHome   the script's JDK
     * @param classpath the entry's class path; the first jar is the script's own
     */
    static List<String> of(Path jdkHome, List<Path> classpath) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Path defaults = jdkHome.resolve("lib/classlist");
        if (Files.isRegularFile(defaults)) {
            for (String line : Files.readAllLines(defaults, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        }
        Map<String, ZipFile> where = new HashMap<>();
        List<ZipFile> open = new ArrayList<>();
        try {
            Deque<String> todo = new ArrayDeque<>();
            for (int i = 0; i < classpath.size(); i++) {
                ZipFile jar = new ZipFile(classpath.get(i).toFile());
                open.add(jar);
                for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                            && !name.endsWith("package-info.class")) {
                        String cls = name.substring(0, name.length() - 6);
                        if (where.putIfAbsent(cls, jar) == null && i == 0) {
                            todo.add(cls);
                        }
                    }
                }
            }
            Set<String> seen = new LinkedHashSet<>(todo);
            Set<String> jdk = new LinkedHashSet<>();
            while (!todo.isEmpty() && seen.size() < MAX_CLASSES) {
                String cls = todo.poll();
                ZipFile jar = where.get(cls);
                byte[] bytes;
                try (InputStream in = jar.getInputStream(jar.getEntry(cls + ".class"))) {
                    bytes = in.readAllBytes();
                }
                for (String ref : references(bytes)) {
                    if (where.containsKey(ref)) {
                        if (seen.add(ref)) {
                            todo.add(ref);
                        }
                    } else if (ref.startsWith("java/") || ref.startsWith("javax/")) {
                        jdk.add(ref);
                    }
                }
            }
            out.addAll(jdk);
            out.addAll(seen);
        } finally {
            for (ZipFile z : open) {
                z.close();
            }
        }
        return new ArrayList<>(out);
    }

    /** The class names a class file refers to: its constant pool's classes and the types in its descriptors. */
    static Set<String> references(byte[] classFile) throws IOException {
        Set<String> refs = new LinkedHashSet<>();
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return refs;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> {
                    return refs; // not a class file this knows: take nothing from it
                }
            }
        }
        for (int c : classes) {
            String name = utf8[c];
            if (name == null) {
                continue;
            }
            if (name.startsWith("[")) {
                Matcher m = DESCRIPTOR.matcher(name);
                if (m.find()) {
                    refs.add(m.group(1));
                }
            } else {
                refs.add(name);
            }
        }
        for (String s : utf8) {
            if (s != null && s.indexOf(';') > 0) {
                Matcher m = DESCRIPTOR.matcher(s);
                while (m.find()) {
                    refs.add(m.group(1));
                }
            }
        }
        return refs;
    }
}
