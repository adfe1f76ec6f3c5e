package dev.jrun.aot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recording: the archive's class list. A probe JVM ({@link ProbeMain}, started through the entry's
 * own ScriptMain, with the script's JDK, options and class path) loads the classes {@link ClassList}
 * found in the jars under {@code -XX:DumpLoadedClassList}, and what it recorded is kept; none of the
 * script's code runs. If the probe fails: the JDK's default list and the scanned classes.
 *
 * @param classes the class list, as {@code -XX:SharedClassListFile} takes it
 * @param scan    what the jars hold
 */
record ClassRecorder(List<String> classes, ClassList.Scan scan) {

    static ClassRecorder record(ArchiveInputs in, MakerJvms jvms, Scratch scratch, String name)
            throws IOException, MakerFailure, InterruptedException, EntryGone {
        ClassList.Scan scan = ClassList.scan(in.classpath());
        List<String> defaults = ClassList.defaults(in.home());
        Path names = scratch.file(name + ".names");
        Path recorded = scratch.file(name + ".recorded");
        Files.write(names, ClassList.probeNames(scan, defaults), StandardCharsets.ISO_8859_1);
        List<String> probe = new ArrayList<>(List.of(in.java().toString(), "-Xshare:auto",
                "-XX:DumpLoadedClassList=" + recorded));
        probe.addAll(in.options());
        probe.addAll(List.of("-cp", in.classpathOption() + File.pathSeparator + ownJar(), "dev.jrun.boot.ScriptMain",
                ProbeMain.class.getName(), "", names.toString()));
        try {
            jvms.run(probe, false, "recording the classes a start loads");
            List<String> lines = ClassList.archiveList(Files.readAllLines(recorded, StandardCharsets.UTF_8), scan, defaults);
            if (!lines.isEmpty()) {
                // (after the classes they are of: a dump reads the list in order) the script's own constant
                // pool entries, its lambdas and concatenations among them, for a dump that links ahead of
                // time; for one that does not, its lambdas' classes
                if (in.linked()) {
                    lines.addAll(scan.resolved());
                } else {
                    scan.sites().stream().map(IndySites::lambdaProxy).filter(l -> !l.isEmpty()).forEach(lines::add);
                }
                return new ClassRecorder(lines, scan);
            }
        } catch (MakerFailure | IOException e) {
            jvms.log("(the probe failed: " + e.getMessage() + "; archiving the JDK's default list and the jars' classes)");
        } finally {
            Files.deleteIfExists(names);
            Files.deleteIfExists(recorded);
        }
        List<String> fallback = new ArrayList<>(defaults);
        fallback.addAll(scan.jdk());
        fallback.addAll(scan.classes());
        return new ClassRecorder(fallback, scan);
    }

    /** The jar (or, from a build tree, the directory) that holds jrun's classes, ProbeMain among them. */
    private static String ownJar() {
        try {
            return Path.of(ProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "";
        }
    }
}
