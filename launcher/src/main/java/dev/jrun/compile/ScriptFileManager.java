package dev.jrun.compile;

import dev.jrun.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac's file manager for one script's compile, with two differences from the standard one:
 * <ul>
 * <li>Annotation processors load in a class loader over the script's class path whose parent is
 * the JDK's platform loader: they see their own libraries, never the ones of the JVM that compiles
 * (jrun's picocli, Maven Resolver, Gson...), whose versions need not be theirs.
 * <li>Source files javac finds on the source path (the script's source root: the classes a
 * several-file program uses) are read once, and what was read is kept: those files are inputs of
 * the build, their hash the hash of exactly the text compiled. The package directories javac
 * listed are kept too, so that a file added there later can be noticed.
 * </ul>
 * A compile server keeps one of these with each javac context it keeps ({@link KeptContexts}):
 * each compile then begins with {@link #begin}, what it reads is its own, and what javac listed
 * before (which a kept context remembers) is {@link #listingsHold checked} before the next.
 */
final class ScriptFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    /** A source file larger than this is not part of a script's program. */
    private static final long MAX_BYTES = 16 << 20;

    private final Path root;
    private final Path displayDir;
    private final Map<Path, Sibling> siblings = new LinkedHashMap<>();
    /** The siblings read by this compile (since {@link #begin}). */
    private final List<Sibling> read = new ArrayList<>();
    private final Set<Path> listed = new LinkedHashSet<>();
    /** Every listing of the source path javac asked for, with the files it got. */
    private final Map<Listing, List<Path>> listings = new LinkedHashMap<>();
    /** Every source file javac looked up on the source path by class name, and what it found (null: none). */
    private final Map<String, Path> lookups = new LinkedHashMap<>();

    /** One question javac asked of the source path. */
    private record Listing(String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) {
    }

    /**
     * @param root       the source root, or null for a compile without one
     * @param displayDir what the root is called in messages (relative to the user's directory), or null
     */
    ScriptFileManager(StandardJavaFileManager files, Path root, Path displayDir) {
        super(files);
        this.root = root;
        this.displayDir = displayDir;
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
        List<URL> urls = new ArrayList<>();
        Iterable<? extends Path> paths = fileManager.getLocationAsPaths(location);
        if (paths != null) {
            for (Path p : paths) {
                try {
                    urls.add(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        // (the platform loader delegates the JDK's own modules, javac's among them, to their loaders)
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        Iterable<JavaFileObject> found = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.SOURCE_PATH || root == null) {
            return found;
        }
        Path dir = root.resolve(packageName.replace('.', '/'));
        List<JavaFileObject> wrapped = new ArrayList<>();
        for (JavaFileObject f : found) {
            wrapped.add(f.getKind() == JavaFileObject.Kind.SOURCE ? sibling(f) : f);
        }
        synchronized (this) {
            if (Files.isDirectory(dir)) {
                listed.add(dir);
            }
            listings.put(new Listing(packageName, Set.copyOf(kinds), recurse), paths(found));
        }
        return wrapped;
    }

    private List<Path> paths(Iterable<JavaFileObject> files) {
        List<Path> out = new ArrayList<>();
        files.forEach(f -> out.add(fileManager.asPath(f)));
        return out;
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        JavaFileObject f = super.getJavaFileForInput(location, className, kind);
        if (location != StandardLocation.SOURCE_PATH || kind != JavaFileObject.Kind.SOURCE || root == null) {
            return f;
        }
        synchronized (this) {
            lookups.put(className, f == null ? null : fileManager.asPath(f));
        }
        return f == null ? null : sibling(f);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return super.inferBinaryName(location, file instanceof Sibling s ? s.original() : file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return super.isSameFile(a instanceof Sibling s ? s.original() : a, b instanceof Sibling s ? s.original() : b);
    }

    private synchronized Sibling sibling(JavaFileObject f) {
        Path file = fileManager.asPath(f);
        return siblings.computeIfAbsent(file, p -> new Sibling(f, p));
    }

    /** A new compile, whose classes go to {@code classes}: what it reads is counted from here. */
    synchronized void begin(Path classes) throws IOException {
        read.clear();
        fileManager.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
    }

    /** The source-path files javac read in this compile, each with the SHA-256 of the bytes it compiled. */
    synchronized List<CompileResult.ReadFile> filesRead() {
        List<CompileResult.ReadFile> out = new ArrayList<>();
        read.forEach(s -> out.add(new CompileResult.ReadFile(s.file, s.sha256)));
        return out;
    }

    /**
     * Whether every question javac asked of the source path would be answered as it was: the same
     * files in each package it listed, the same file (or none) for each class it looked up. A javac
     * context that asked them may then compile again with what it learnt.
     */
    synchronized boolean listingsHold() {
        try {
            for (Map.Entry<Listing, List<Path>> e : listings.entrySet()) {
                Listing l = e.getKey();
                if (!paths(fileManager.list(StandardLocation.SOURCE_PATH, l.packageName(), l.kinds(), l.recurse()))
                        .equals(e.getValue())) {
                    return false;
                }
            }
            for (Map.Entry<String, Path> e : lookups.entrySet()) {
                JavaFileObject f = fileManager.getJavaFileForInput(StandardLocation.SOURCE_PATH, e.getKey(),
                        JavaFileObject.Kind.SOURCE);
                if (!java.util.Objects.equals(f == null ? null : fileManager.asPath(f), e.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The existing package directories of the source root that javac looked into. */
    synchronized List<Path> dirsListed() {
        return List.copyOf(listed);
    }

    /** A source file of the source root: read once, on javac's first asking, and remembered. */
    private final class Sibling extends ForwardingJavaFileObject<JavaFileObject> {
        private final Path file;
        private String text;
        private byte[] bytes;
        private String sha256;

        Sibling(JavaFileObject original, Path file) {
            super(original);
            this.file = file;
        }

        JavaFileObject original() {
            return fileObject;
        }

        private synchronized String text() throws IOException {
            if (text == null) {
                bytes = dev.jrun.script.Script.readRegularFile(file, getName(), MAX_BYTES);
                sha256 = Hashing.of(bytes);
                String t = new String(bytes, StandardCharsets.UTF_8);
                text = t.startsWith("\uFEFF") ? t.substring(1) : t;
                synchronized (ScriptFileManager.this) {
                    read.add(this);
                }
            }
            return text;
        }

        @Override
        public String getName() {
            if (displayDir == null || !file.startsWith(root)) {
                return file.toString();
            }
            return displayDir.resolve(root.relativize(file)).normalize().toString();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            return text();
        }

        @Override
        public Reader openReader(boolean ignoreEncodingErrors) throws IOException {
            return new StringReader(text());
        }

        @Override
        public InputStream openInputStream() throws IOException {
            text();
            return new ByteArrayInputStream(bytes);
        }
    }
}
