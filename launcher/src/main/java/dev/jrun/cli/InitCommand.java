package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun init [-t TEMPLATE] FILE.java}: a new script that runs at once. */
@Command(name = "init", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Writes a new script from a template.",
        description = {"Writes a new script from a template, executable, with a first line that lets ./FILE.java "
                + "run even without binfmt_misc. Its class is named after the file, which must be a Java "
                + "identifier. An existing file is never overwritten without --force."})
public final class InitCommand implements Callable<Integer> {

    @Option(names = {"-t", "--template"}, paramLabel = "TEMPLATE", defaultValue = "hello", completionCandidates = Names.class,
            description = "hello (default), cli, server or test; see --list.")
    String template;

    @Option(names = "--list", description = "List the templates.")
    boolean list;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Parameters(paramLabel = "FILE.java", arity = "0..1", description = "The script to write.")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (list) {
            for (Template t : Template.values()) {
                System.out.printf("%-8s %s%n", t.id(), t.description);
            }
            return 0;
        }
        if (file == null) {
            throw Main.usage("name the script to write: jrun init [-t TEMPLATE] FILE.java (see jrun init --help)");
        }
        Template t = template(template);
        String base = file.getFileName().toString();
        if (!base.endsWith(".java")) {
            throw Main.usage(file + ": a script's name ends in .java; write jrun init " + file + ".java");
        }
        String className = base.substring(0, base.length() - 5);
        if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
            throw Main.usage(file + ": '" + className + "' is not a Java class name, and the script's class is named"
                    + " after its file; use letters, digits and _ (not starting with a digit), e.g. "
                    + suggest(className) + ".java");
        }
        if (Files.isDirectory(file)) {
            throw Main.usage(file + ": is a directory; name a file to write");
        }
        if (Files.exists(file) && !force) {
            throw new JrunException(ExitCode.USAGE, file + ": already exists; choose another name, or add --force to overwrite it");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw Main.usage(file + ": the directory " + parent + " does not exist; create it first");
        }
        byte[] text = t.render(className).getBytes(StandardCharsets.UTF_8);
        try {
            if (force) {
                Files.write(file, text);
            } else {
                Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new JrunException(ExitCode.USAGE, file + ": already exists; choose another name, or add --force to overwrite it");
        }
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
            perms.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(file, perms);
        String run = file.isAbsolute() || file.startsWith("..") ? file.toString() : "./" + file.normalize();
        System.out.println("wrote " + file + " (" + t.id() + "); run it: " + run + "   or: jrun " + file);
        return 0;
    }

    /** The templates' names, for shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Template.values()).map(Template::id).iterator();
        }
    }

    private static Template template(String id) {
        return Arrays.stream(Template.values()).filter(t -> t.id().equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> Main.usage("-t " + id + ": no such template; choose one of "
                        + Arrays.stream(Template.values()).map(Template::id).collect(Collectors.joining(", "))
                        + " (jrun init --list)"));
    }

    private static String suggest(String name) {
        String s = name.replaceAll("[^\\p{javaJavaIdentifierPart}]", "_");
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            s = "_" + s;
        }
        return SourceVersion.isKeyword(s) ? s + "_" : s;
    }
}
