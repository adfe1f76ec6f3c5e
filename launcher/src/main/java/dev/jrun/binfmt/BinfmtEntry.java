package dev.jrun.binfmt;

import java.util.List;

/**
 * One binfmt_misc entry, as the kernel shows it in {@code /proc/sys/fs/binfmt_misc/NAME}:
 * <pre>
 *   enabled
 *   interpreter /usr/local/bin/jrun
 *   flags: F
 *   extension .java
 * </pre>
 * (a magic entry has {@code offset}, {@code magic} and {@code mask} lines instead of {@code extension}).
 */
public record BinfmtEntry(String name, boolean enabled, String interpreter, String flags, String extension) {

    static BinfmtEntry parse(String name, List<String> lines) {
        boolean enabled = false;
        String interpreter = "";
        String flags = "";
        String extension = null;
        for (String line : lines) {
            if (line.equals("enabled")) {
                enabled = true;
            } else if (line.startsWith("interpreter ")) {
                interpreter = line.substring("interpreter ".length());
            } else if (line.startsWith("flags:")) {
                flags = line.substring("flags:".length()).trim();
            } else if (line.startsWith("extension ")) {
                extension = line.substring("extension ".length());
            }
        }
        return new BinfmtEntry(name, enabled, interpreter, flags, extension);
    }

    /** Does the kernel hand files named *.EXT to this entry's interpreter? */
    public boolean matchesExtension(String ext) {
        return ("." + ext).equals(extension);
    }

    public String describe() {
        return "'" + name + "' (" + (extension != null ? "extension " + extension : "magic") + ", interpreter "
                + interpreter + (flags.isEmpty() ? "" : ", flags " + flags) + (enabled ? "" : ", disabled") + ")";
    }
}
