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
 * The classes an archive is dumped with, found without running the script. First the jars are
 * scanned ({@link #scan}): every class of the script's jar and, transitively, every class of the
 * other jars that those classes name in their constant pools, and the JDK classes they name
 * directly. Then a probe JVM of the script's JDK ({@link ProbeMain}, started through the script's
 * own {@code ScriptMain}, so that jrun's start-up path is in it too) loads those classes without
 * initializing them under {@code -XX:DumpLoadedClassList}: what it records is what a start of the
 * script loads, and what the archive holds ({@link #archiveList}). An archive of only those classes
 * maps faster than the JDK's default one: about 0.8 of a plain {@code java -cp} hello world against
 * about 0.97 for the default list and the jar's classes together (measured with bench/).
 *
 * <p>This is why a script's JVM never carries a recording flag that its child JVMs would inherit:
 * nothing is recorded from the run; the probe runs none of the script's code (loading a class does
 * not run its static initializer). The list may name classes the script never loads (they cost
 * archive space, not time) and misses those it loads only by name or that the JDK loads for it
 * at run time (they are loaded as without an archive). To catch more of the latter, the JDK's
 * default list's classes of the packages the script names are probed too (java.lang and java.io
 * aside, which every start has loaded), and the script's own invokedynamic sites of the JDK's
 * factories are linked ({@link IndySites}), which records the method-handle forms they use.
 * Where the probe fails, the list is the JDK's default list with the scanned classes after it.
 */
final class ClassList {
    /** A bound on the classes taken from the jars, for scripts with very large libraries. */
    static final int MAX_CLASSES = 20_000;
    /**
     * jrun's classes in every script's jar (dev.jrun.boot): archived, their references not followed
     * (they name what all their paths could use: streams, pipes, JShell; measured, a hello world's
     * archive held 1,107 classes where its start loads 720, and started 1.19 times as slow on JDK 25),
     * but for a .jsh script's runner, the script's main.
     */
    static final String BOOT = "dev/jrun/boot/";
    /** The .jsh runner, and the resource that marks a .jsh script's jar (JshMain.SCRIPT). */
    static final String JSH_MAIN = BOOT + "JshMain";
    static final String JSH_SCRIPT = "META-INF/jrun/script.jsh";
    /** Packages whose use means a script looks at its own JVM (JMX, JFR, JMH, its input arguments). */
    static final List<String> INTROSPECTION = List.of("java/lang/management/", "com/sun/management/", "jdk/jfr/",
            "org/openjdk/jmh/", "jdk/internal/", "sun/misc/");
    private static final Pattern DESCRIPTOR = Pattern.compile("L([A-Za-z_$0-9/]+)[;<]");

    private ClassList() {
    }

    /**
     * What the jars hold for the archive.
     *
     * @param classes the script's classes and the library classes they reach, in that order
     * @param jdk     the JDK classes those name directly
     * @param libraryIndy whether a library class among them uses invokedynamic
     * @param sites   the script's own call sites the probe links ({@link IndySites})
     * @param introspects whether they look at the JVM itself ({@link #INTROSPECTION}): its compiler,
     *                    memory or input arguments, which a JVM policy must then leave as they are
     * @param resolved the script's own classes' {@code @cp} lines ({@link IndySites#preresolved}), for
     *                 a dump that links ahead of time
     */
    record Scan(List<String> classes, Set<String> jdk, boolean libraryIndy, List<String> sites, boolean introspects,
            List<String> resolved) {
        /** Lambdas in the script's call sites, or any invokedynamic in its libraries. */
        boolean lambdas() {
            return libraryIndy || sites.stream().anyMatch(l -> l.contains(" java/lang/invoke/LambdaMetafactory "));
        }
    }

    /** The JDK's default class list ({@code lib/classlist}, what its default archive holds), without comments. */
    static List<String> defaults(Path jdkHome) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Path defaults = jdkHome.resolve("lib/classlist");
        if (Files.isRegularFile(defaults)) {
            for (String line : Files.readAllLines(defaults, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The names the probe loads: the JDK classes named, the JDK's default list's classes of their
     * packages (what the JDK loads for them at run time, often; but java.lang and java.io, which
     * every start has loaded already), the jars' classes, and the script's call sites.
     */
    static List<String> probeNames(Scan scan, List<String> defaults) {
        Set<String> out = new LinkedHashSet<>(scan.jdk());
        Set<String> packages = new LinkedHashSet<>();
        for (String c : scan.jdk()) {
            packages.add(packageOf(c));
        }
        packages.removeAll(Set.of("java/lang", "java/io"));
        for (String d : defaults) {
            if (!d.startsWith("@") && packages.contains(packageOf(d.split(" ", 2)[0]))) {
                out.add(d.split(" ", 2)[0]);
            }
        }
        out.addAll(scan.classes());
        out.addAll(scan.sites());
        return new ArrayList<>(out);
    }

    /**
     * The archive's list: the probe's record (its own class and comments left out), and for a script
     * with lambdas (its own, or its libraries' invokedynamic) the default list's pregenerated
     * method-handle forms ({@code @lambda-form-invoker}, {@code @lambda-proxy} lines). Measured on
     * JDK 17: they win 7 % for a lambda and stream script and cost 3 % for one whose only
     * invokedynamic is a string concatenation, whose forms the probe's linking records itself.
     */
    static List<String> archiveList(List<String> recorded, Scan scan, List<String> defaults) {
        Set<String> out = new LinkedHashSet<>();
        String probe = ProbeMain.class.getName().replace('.', '/');
        for (String line : recorded) {
            String[] w = line.split(" ", 3);
            // (the probe's class, and what its run resolved: an @cp line of it)
            String cls = line.startsWith(IndySites.RESOLVED) && w.length > 1 ? w[1] : w[0];
            if (!line.isBlank() && !line.startsWith("#") && !cls.equals(probe)) {
                out.add(line);
            }
        }
        for (String site : scan.sites()) {
            // the form through which the JVM calls a linked site, which the probe's own linking does not take
            out.add(IndySites.linkerForm(site));
        }
        if (scan.lambdas()) {
            for (String d : defaults) {
                if (d.startsWith("@")) {
                    out.add(d);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String packageOf(String cls) {
        int slash = cls.lastIndexOf('/');
        return slash < 0 ? "" : cls.substring(0, slash);
    }

    /** The list without a probe: the JDK's default list, then the scanned classes. */
    static List<String> of(Path jdkHome, List<Path> classpath) throws IOException {
        Scan scan = scan(classpath);
        Set<String> out = new LinkedHashSet<>(defaults(jdkHome));
        out.addAll(scan.jdk());
        out.addAll(scan.classes());
        return new ArrayList<>(out);
    }

    /**
     * The classes of the jars the archive holds.
     *
     * @param classpath the entry's class path; the first jar is the script's own
     */
    static Scan scan(List<Path> classpath) throws IOException {
        boolean indy = false;
        boolean introspects = false;
        List<String> sites = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
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
            boolean jsh = !open.isEmpty() && open.get(0).getEntry(JSH_SCRIPT) != null;
            while (!todo.isEmpty() && seen.size() < MAX_CLASSES) {
                String cls = todo.poll();
                if (cls.startsWith(BOOT) && !(jsh && cls.equals(JSH_MAIN))) {
                    continue; // what jrun's start-up classes load, the probe records: it starts through them
                }
                ZipFile jar = where.get(cls);
                byte[] bytes;
                try (InputStream in = jar.getInputStream(jar.getEntry(cls + ".class"))) {
                    bytes = in.readAllBytes();
                }
                Refs refs = parse(bytes);
                if (refs.indy() && jar != open.get(0)) {
                    indy = true;
                } else if (refs.indy() && !cls.startsWith(BOOT)) {
                    sites.addAll(IndySites.of(bytes));
                }
                if (jar == open.get(0) && !cls.startsWith(BOOT)) {
                    String line = IndySites.preresolved(bytes);
                    if (!line.isEmpty()) {
                        resolved.add(line);
                    }
                }
                for (String ref : refs.names()) {
                    if (!introspects && !cls.startsWith(BOOT)) {
                        introspects = INTROSPECTION.stream().anyMatch(ref::startsWith);
                    }
                    if (where.containsKey(ref)) {
                        if (seen.add(ref)) {
                            todo.add(ref);
                        }
                    } else if (ref.startsWith("java/") || ref.startsWith("javax/")) {
                        jdk.add(ref);
                    }
                }
            }
            return new Scan(new ArrayList<>(seen), jdk, indy, sites, introspects, resolved);
        } finally {
            for (ZipFile z : open) {
                z.close();
            }
        }
    }

    private record Refs(Set<String> names, boolean indy) {
    }

    /** The class names a class file refers to: its constant pool's classes and the types in its descriptors. */
    static Set<String> references(byte[] classFile) throws IOException {
        return parse(classFile).names();
    }

    private static Refs parse(byte[] classFile) throws IOException {
        Set<String> refs = new LinkedHashSet<>();
        boolean indy = false;
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return new Refs(refs, false);
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
                case 18 -> {
                    indy = true;
                    in.skipBytes(4);
                }
                case 3, 4, 9, 10, 11, 12, 17 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> {
                    return new Refs(refs, indy); // not a class file this knows: take nothing more from it
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
        return new Refs(refs, indy);
    }
}
