package dev.jrun.compile;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac contexts a compile server keeps between builds, as JShell keeps them between snippets (the
 * JDK's {@code com.sun.tools.javac.api.JavacTaskPool}, which the server's JVM is allowed to use by
 * {@code --add-exports}): a context that has compiled once has the JDK's classes read and
 * completed, and compiles a small script in a fraction of the time. A context remembers what it
 * read, so it is used again only for a compile that would read the same:
 * <ul>
 * <li>the same javac options, the same source root (named the same in messages) and class path,
 * each jar the same file (device, inode, size, modification and change time: a jar written or
 * replaced is another); no directory on the class path, no annotation processor, no plugin, no
 * path option;
 * <li>a context whose compile read a file of the source root (a class beside the script) is not
 * kept: javac would not read that file again;
 * <li>before each use, every listing of the source root the context asked for is asked again and
 * must give the same files ({@link ScriptFileManager#listingsHold}); a file added, removed or
 * renamed there makes a new context.
 * </ul>
 * The classes a compile defined are forgotten by the context after it (JavacTaskPool); a compile
 * that fails or throws discards its context. At most {@value #MAX} are kept, none once the server
 * has been idle long enough ({@link #drop}).
 */
final class KeptContexts {
    static final int MAX = 2;

    /** How long kept contexts outlive a JVM's last compile (an edit loop's pauses, not a day's). */
    static final java.time.Duration KEEP_FOR = java.time.Duration.ofMinutes(2);

    /**
     * javac options a kept context must not be used with, besides every option that names a path
     * ({@link JavacOptions#PATH_OPTIONS}): they run code of their own or change what is read.
     */
    private static final Set<String> NOT_KEPT = Set.of("-processor", "-proc:only", "-proc:full", "--add-modules",
            "--limit-modules");

    private static volatile Api api;
    private static final java.util.concurrent.atomic.AtomicInteger reused = new java.util.concurrent.atomic.AtomicInteger();
    private static final Map<Key, Kept> idle = new LinkedHashMap<>(8, 0.75f, true);

    private KeptContexts() {
    }

    /** Keeps contexts from now on, in this JVM, if it may use JavacTaskPool; says whether it does. */
    static boolean enable() {
        api = Api.find();
        return api != null;
    }

    /** How many compiles of this JVM had a context that had compiled before. */
    static int reused() {
        return reused.get();
    }

    /** For tests: no context kept until {@link #resume}. */
    static Api suspend() {
        Api a = api;
        api = null;
        return a;
    }

    static void resume(Api a) {
        api = a;
    }

    /** Forgets every kept context (an idle server gives their memory back); how many there were. */
    static synchronized int drop() {
        int n = idle.size();
        idle.values().forEach(Kept::close);
        idle.clear();
        return n;
    }

    /**
     * What a context kept for this compile must have been made with, or null when none may be
     * kept for it.
     */
    static Key keyFor(List<String> options, List<Path> classpath, Path root, Path displayDir) {
        if (api == null || !options.contains("-proc:none")) {
            return null;
        }
        for (String o : options) {
            String name = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            if (NOT_KEPT.contains(name) || JavacOptions.PATH_OPTIONS.contains(name) || o.startsWith("-Xplugin")
                    || o.startsWith("-J") || o.startsWith("@") || o.startsWith("-Xbootclasspath")) {
                return null;
            }
        }
        List<String> jars = new ArrayList<>();
        for (Path jar : classpath) {
            try {
                Map<String, Object> a = Files.readAttributes(jar, "unix:dev,ino,size,lastModifiedTime,ctime,isRegularFile");
                if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                    return null;
                }
                jars.add(jar + " " + a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
                        + ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant() + ":"
                        + ((java.nio.file.attribute.FileTime) a.get("ctime")).toInstant());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return new Key(List.copyOf(options), jars, root, displayDir);
    }

    /** @param jars each class path entry with its identity */
    record Key(List<String> options, List<String> jars, Path root, Path displayDir) {
    }

    /**
     * Runs {@code work} with a task of a kept context for {@code key} (or of a new one, kept after
     * it if it may be). {@code work} is handed that context, its file manager already set up for
     * {@code classes}, and makes its task with {@link Kept#task}.
     */
    static <T> T compile(Key key, JavaCompiler javac, Path classes, List<java.io.File> classpath,
            Function<Kept, T> work) throws IOException {
        Kept kept;
        synchronized (KeptContexts.class) {
            kept = idle.remove(key);
        }
        if (kept != null && !kept.files.listingsHold()) {
            kept.close();
            kept = null;
        }
        if (kept == null) {
            kept = new Kept(javac, key, classpath);
        } else {
            reused.incrementAndGet();
            kept.used = true;
        }
        kept.files.begin(classes);
        boolean keep = false;
        try {
            T result = work.apply(kept);
            keep = kept.files.filesRead().isEmpty();
            return result;
        } finally {
            kept.diagnostics = null;
            if (keep) {
                synchronized (KeptContexts.class) {
                    Kept old = idle.put(key, kept);
                    if (old != null) {
                        old.close();
                    }
                    for (Iterator<Kept> it = idle.values().iterator(); idle.size() > MAX && it.hasNext();) {
                        it.next().close();
                        it.remove();
                    }
                }
            } else {
                kept.close();
            }
        }
    }

    /** A context kept for one key, with the file managers it has read through. */
    static final class Kept {
        private final Object pool;
        private final StandardJavaFileManager standard;
        final ScriptFileManager files;
        private volatile DiagnosticListener<? super JavaFileObject> diagnostics;
        private boolean used;

        private Kept(JavaCompiler javac, Key key, List<java.io.File> classpath) throws IOException {
            this.pool = api.newPool();
            // the file manager's own warnings go to the compile of the moment
            DiagnosticListener<JavaFileObject> forward = d -> {
                DiagnosticListener<? super JavaFileObject> to = diagnostics;
                if (to != null) {
                    to.report(d);
                }
            };
            this.standard = javac.getStandardFileManager(forward, Locale.getDefault(), StandardCharsets.UTF_8);
            standard.setLocation(StandardLocation.CLASS_PATH, classpath);
            standard.setLocation(StandardLocation.SOURCE_PATH, key.root() == null ? List.of() : List.of(key.root().toFile()));
            this.files = new ScriptFileManager(standard, key.root(), key.displayDir());
        }

        /**
         * Compiles with a task of this context: {@code work} gets the task and gives back what the
         * compile gives. What it throws comes out as it is; the context is then not kept.
         */
        <T> T task(DiagnosticListener<? super JavaFileObject> listener, List<String> options,
                List<? extends JavaFileObject> units, Function<com.sun.source.util.JavacTask, T> work) {
            diagnostics = listener;
            return api.getTask(pool, files, listener, options, units, work);
        }

        /** Whether this context has compiled before. */
        boolean used() {
            return used;
        }

        void close() {
            try {
                standard.close();
            } catch (IOException e) {
                // nothing held open that matters
            }
        }
    }

    /** JavacTaskPool, reached by reflection (its package is exported only by --add-exports). */
    static final class Api {
        private final java.lang.reflect.Constructor<?> constructor;
        private final Method getTask;
        private final Class<?> worker;

        private Api(java.lang.reflect.Constructor<?> constructor, Method getTask, Class<?> worker) {
            this.constructor = constructor;
            this.getTask = getTask;
            this.worker = worker;
        }

        static Api find() {
            try {
                Class<?> pool = Class.forName("com.sun.tools.javac.api.JavacTaskPool");
                Class<?> worker = Class.forName("com.sun.tools.javac.api.JavacTaskPool$Worker");
                Method getTask = pool.getMethod("getTask", java.io.Writer.class, JavaFileManager.class,
                        DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, worker);
                java.lang.reflect.Constructor<?> c = pool.getConstructor(int.class);
                c.newInstance(1); // throws IllegalAccessException unless the package is exported to us
                return new Api(c, getTask, worker);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        Object newPool() {
            try {
                return constructor.newInstance(1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings("unchecked")
        <T> T getTask(Object pool, JavaFileManager files, DiagnosticListener<? super JavaFileObject> listener,
                List<String> options, List<? extends JavaFileObject> units, Function<com.sun.source.util.JavacTask, T> work) {
            Object w = Proxy.newProxyInstance(KeptContexts.class.getClassLoader(), new Class<?>[] {worker}, (proxy, m, args) -> {
                if (m.getName().equals("withTask") && args != null && args.length == 1) {
                    return work.apply((com.sun.source.util.JavacTask) args[0]);
                }
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "jrun's javac worker";
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            });
            try {
                return (T) getTask.invoke(pool, null, files, listener, options, null, units, w);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof java.lang.reflect.UndeclaredThrowableException u && u.getCause() != null) {
                    cause = u.getCause();
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
