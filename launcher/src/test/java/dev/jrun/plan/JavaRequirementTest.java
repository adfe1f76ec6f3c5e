package dev.jrun.plan;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaRequirementTest {
    @Test
    void exactAndOrNewer() {
        assertTrue(JavaRequirement.parse("21").accepts(21));
        assertFalse(JavaRequirement.parse("21").accepts(25));
        assertTrue(JavaRequirement.parse("21+").accepts(25));
        assertFalse(JavaRequirement.parse(" 21+ ").accepts(17));
        assertNull(JavaRequirement.parse("21-ea"));
        assertNull(JavaRequirement.parse("seventeen"));
        assertNull(JavaRequirement.parse("0"));
    }
}
