package dev.jrun.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JvmPolicyTest {
    @Test
    void c1OnlyForAShortRunOfAScriptThatDoesNotLookAtItsJvm() {
        assertEquals("c1 C1 only: its measured run took about 0.4 s", JvmPolicy.of(2, false));
        assertTrue(JvmPolicy.of(JvmPolicy.SHORT_TICKS, false).startsWith("c1 "));
        assertEquals("none: its measured run took about 1.2 s", JvmPolicy.of(JvmPolicy.SHORT_TICKS + 1, false));
        assertTrue(JvmPolicy.of(1, true).startsWith("none: the script looks at its own JVM"));
        assertEquals("none: the run was not measured", JvmPolicy.of(Integer.MAX_VALUE, false));
    }
}
