package dev.jrun.aot;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive maker's probe: run as a script's main class (through the entry's ScriptMain, with the
 * entry's class path and jrun's jar after it) under {@code -XX:DumpLoadedClassList}, it loads the
 * classes named in its one argument's file, one per line, without initializing them, and links the
 * call sites of {@link IndySites}' lines with the JDK's own factories: none of the script's code
 * runs. Its own reading uses only classes every JVM has loaded at start, so that the record is the
 * script's start and these classes, not the probe's.
 */
public final class ProbeMain {
    private static final MethodType CONCAT = MethodType.methodType(CallSite.class, MethodHandles.Lookup.class,
            String.class, MethodType.class, String.class, Object[].class);
    private static final MethodType METAFACTORY = MethodType.methodType(CallSite.class, MethodHandles.Lookup.class,
            String.class, MethodType.class, MethodType.class, MethodHandle.class, MethodType.class);
    private ProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        byte[] names;
        try (FileInputStream in = new FileInputStream(args[0])) {
            names = in.readAllBytes();
        }
        ClassLoader loader = ProbeMain.class.getClassLoader();
        List<String> sites = new ArrayList<>();
        for (String name : new String(names, StandardCharsets.UTF_8).split("\n")) {
            if (name.startsWith(IndySites.PREFIX)) {
                sites.add(name);
            } else if (!name.isEmpty()) {
                try {
                    Class.forName(name.replace('/', '.'), false, loader);
                } catch (LinkageError | ClassNotFoundException e) {
                    // one the JDK or the jars do not have as named (or cannot load alone): not archived
                }
            }
        }
        // the way text goes out through a PrintStream, which nearly every script takes (to nowhere:
        // the probe prints nothing)
        new PrintStream(OutputStream.nullOutputStream(), true).println();
        for (String site : sites) {
            try {
                link(site.substring(IndySites.PREFIX.length()).split(" "), loader);
            } catch (Throwable e) {
                // a site that does not link alone: its forms are made at run time, as without an archive
                System.err.println("probe: not linked: " + site + ": " + e);
            }
        }
    }

    /** Calls the site's bootstrap (one of the JDK's factories, see IndySites) as the JVM would on its first run. */
    private static void link(String[] w, ClassLoader loader) throws Throwable {
        Class<?> caller = Class.forName(w[0].replace('/', '.'), false, loader);
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(caller, MethodHandles.lookup());
        Class<?> factory = Class.forName(w[1].replace('/', '.'), false, null);
        MethodHandle bootstrap = MethodHandles.lookup().findStatic(factory, w[2],
                MethodType.fromMethodDescriptorString(w[3], null));
        List<Object> call = new ArrayList<>(List.of(lookup, w[4], MethodType.fromMethodDescriptorString(w[5], loader)));
        for (int i = 6; i < w.length; i++) {
            call.add(constant(w[i], lookup, loader));
        }
        // the two factories the JVM calls with invokeExact of their own types (and so through a form
        // of that shape, which the record then holds); any other, with its arguments spread
        Object site;
        if (w[2].equals("makeConcatWithConstants") && call.size() >= 4 && call.get(3) instanceof String recipe
                && bootstrap.type().equals(CONCAT)) {
            site = (CallSite) bootstrap.invokeExact(lookup, (String) call.get(1), (MethodType) call.get(2), recipe,
                    call.subList(4, call.size()).toArray());
        } else if (w[2].equals("metafactory") && call.size() == 6 && bootstrap.type().equals(METAFACTORY)) {
            site = (CallSite) bootstrap.invokeExact(lookup, (String) call.get(1), (MethodType) call.get(2),
                    (MethodType) call.get(3), (MethodHandle) call.get(4), (MethodType) call.get(5));
        } else {
            site = bootstrap.invokeWithArguments(call);
        }
        if (w[1].equals("java/lang/invoke/StringConcatFactory") && site instanceof CallSite) {
            // a concatenation is pure: run once, with zeros and nulls, it makes the forms its first
            // real run makes (and the archive then holds them)
            MethodHandle target = ((CallSite) site).getTarget();
            Object[] zeros = new Object[target.type().parameterCount()];
            for (int i = 0; i < zeros.length; i++) {
                zeros[i] = zero(target.type().parameterType(i));
            }
            target.invokeWithArguments(zeros);
        }
    }

    /** The type's zero: null, false, 0 (an array's first element, as the JVM fills it). */
    private static Object zero(Class<?> type) {
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }

    private static Object constant(String a, MethodHandles.Lookup lookup, ClassLoader loader) throws ReflectiveOperationException {
        String v = a.substring(1);
        switch (a.charAt(0)) {
            case 's':
                byte[] b = new byte[v.length() / 2];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) Integer.parseInt(v.substring(2 * i, 2 * i + 2), 16);
                }
                return new String(b, StandardCharsets.UTF_8);
            case 't':
                return MethodType.fromMethodDescriptorString(v, loader);
            case 'c':
                return Class.forName(v.replace('/', '.'), false, loader);
            case 'i':
                return Integer.parseInt(v);
            case 'h':
                return handle(v.split(","), lookup, loader);
            default:
                throw new IllegalArgumentException(a);
        }
    }

    private static MethodHandle handle(String[] h, MethodHandles.Lookup lookup, ClassLoader loader)
            throws ReflectiveOperationException {
        Class<?> owner = Class.forName(h[1].replace('/', '.'), false, loader);
        String name = h[2];
        switch (Integer.parseInt(h[0])) {
            case 1:
                return lookup.findGetter(owner, name, type(h[3], loader));
            case 2:
                return lookup.findStaticGetter(owner, name, type(h[3], loader));
            case 3:
                return lookup.findSetter(owner, name, type(h[3], loader));
            case 4:
                return lookup.findStaticSetter(owner, name, type(h[3], loader));
            case 5:
            case 9:
                return lookup.findVirtual(owner, name, MethodType.fromMethodDescriptorString(h[3], loader));
            case 6:
                return lookup.findStatic(owner, name, MethodType.fromMethodDescriptorString(h[3], loader));
            case 7:
                return lookup.findSpecial(owner, name, MethodType.fromMethodDescriptorString(h[3], loader), lookup.lookupClass());
            case 8:
                return lookup.findConstructor(owner, MethodType.fromMethodDescriptorString(h[3], loader));
            default:
                throw new IllegalArgumentException(h[0]);
        }
    }

    /** A field's type from its descriptor. */
    private static Class<?> type(String descriptor, ClassLoader loader) {
        return MethodType.fromMethodDescriptorString("(" + descriptor + ")V", loader).parameterType(0);
    }
}
