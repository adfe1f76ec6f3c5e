package dev.jrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
    static final Path HOME = Path.of("/home/u");

    @Test
    void xdgVariablesWhenAbsoluteElseTheHomesDefaults() {
        assertEquals(Path.of("/home/u/.config/jrun"), UserDirs.config(Map.of(), HOME));
        assertEquals(Path.of("/x/jrun"), UserDirs.config(Map.of("XDG_CONFIG_HOME", "/x"), HOME));
        assertEquals(Path.of("/home/u/.config/jrun"), UserDirs.config(Map.of("XDG_CONFIG_HOME", "rel"), HOME));
        assertEquals(Path.of("/home/u/.config/jrun"), UserDirs.config(Map.of("XDG_CONFIG_HOME", ""), HOME));
        assertEquals(Path.of("/home/u/.local/share/jrun"), UserDirs.data(Map.of(), HOME));
        assertEquals(Path.of("/d/jrun"), UserDirs.data(Map.of("XDG_DATA_HOME", "/d"), HOME));
        assertEquals(Path.of("/home/u/.jbang"), UserDirs.jbang(Map.of(), HOME));
        assertEquals(Path.of("/j"), UserDirs.jbang(Map.of("JBANG_DIR", "/j"), HOME));
        assertEquals(Path.of("/h"), UserDirs.home(Map.of("HOME", "/h")));
    }
}
