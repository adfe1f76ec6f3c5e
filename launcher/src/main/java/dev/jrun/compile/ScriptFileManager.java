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
 */
final class ScriptFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    /** A source file larger than this is not part of a script's program. */
    private static final long MAX_BYTES = 16 << 20;

    private final Path root;
    private final Path displayDir;
    private final Map<Path, Sibling> read = new LinkedHashMap<>();
    private final Set<Path> listed = new LinkedHashSet<>();

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
        if (Files.isDirectory(dir)) {
            listed.add(dir);
        }
        List<JavaFileObject> wrapped = new ArrayList<>();
        for (JavaFileObject f : found) {
            wrapped.add(f.getKind() == JavaFileObject.Kind.SOURCE ? sibling(f) : f);
        }
        return wrapped;
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        JavaFileObject f = super.getJavaFileForInput(location, className, kind);
        return f != null && location == StandardLocation.SOURCE_PATH && kind == JavaFileObject.Kind.SOURCE ? sibling(f) : f;
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
        return read.computeIfAbsent(file, p -> new Sibling(f, p));
    }

    /** The source-path files javac read, each with the SHA-256 of the bytes it compiled. */
    synchronized List<CompileResult.ReadFile> filesRead() {
        List<CompileResult.ReadFile> out = new ArrayList<>();
        read.values().forEach(s -> {
            if (s.sha256 != null) {
                out.add(new CompileResult.ReadFile(s.file, s.sha256));
            }
        });
        return out;
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
