package dev.jrun.cache;

import java.nio.file.Path;
import java.util.List;

/** sha256sum's check format, with its escaping of names that hold a backslash or a newline. */
final class Sums {
    private Sums() {
    }

    static String format(List<Path> files, List<String> sha256) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).toString();
            if (name.contains("\\") || name.contains("\n")) {
                name = name.replace("\\", "\\\\").replace("\n", "\\n");
                out.append('\\');
            }
            out.append(sha256.get(i)).append("  ").append(name).append('\n');
        }
        return out.toString();
    }
}
