package dev.jrun.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creating: a static dump of the recorded classes into a scratch file, with the script's JDK, options and class path. */
final class ArchiveDump {
    private ArchiveDump() {
    }

    /** Returns the new archive, not yet checked. */
    static Path dump(ArchiveInputs in, List<String> classes, MakerJvms jvms, Scratch scratch, String name)
            throws IOException, MakerFailure, InterruptedException, EntryGone {
        Path list = scratch.file(name + ".classlist");
        Files.write(list, classes, StandardCharsets.UTF_8);
        Path archive = scratch.file(name + ".jsa");
        List<String> dump = new ArrayList<>(List.of(in.java().toString()));
        dump.addAll(in.format().dump(list, archive, in.linked()));
        dump.addAll(in.options());
        dump.addAll(List.of("-cp", in.classpathOption()));
        jvms.run(dump, true, "dumping the archive");
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new MakerFailure("java -Xshare:dump made no archive; see " + list.resolveSibling(AotMain.LOG));
        }
        Files.deleteIfExists(list);
        return archive;
    }
}
