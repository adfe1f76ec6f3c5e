package dev.jrun.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaRequirementTest {
    @Test
    void exactAndOrNewer() {
        assertTrue(JavaRequirement.parse("21").accepts(21));
        assertFalse(JavaRequirement.parse("21").accepts(25));
        assertFalse(JavaRequirement.parse("21").accepts(17));
        assertTrue(JavaRequirement.parse("21+").accepts(25));
        assertTrue(JavaRequirement.parse("21+").accepts(21));
        assertFalse(JavaRequirement.parse(" 21+ ").accepts(17));
    }

    @Test
    void parsesWhatItPrints() {
        assertEquals(new JavaRequirement(21, false), JavaRequirement.parse("21"));
        assertEquals(new JavaRequirement(17, true), JavaRequirement.parse("\t17+\n"));
        assertEquals(new JavaRequirement(100, true), JavaRequirement.parse("100+"));
        assertEquals("21", JavaRequirement.parse("21").toString());
        assertEquals("25+", JavaRequirement.parse("25+").toString());
        assertEquals(new JavaRequirement(8, false), JavaRequirement.parse("8"));
    }

    @Test
    void anythingElseIsNotARequirement() {
        for (String bad : new String[] {"21-ea", "seventeen", "0", "017", "1000", "+", "", "21++", "21 +", "1.8", "-21", "21+ 22"}) {
            assertNull(JavaRequirement.parse(bad), bad);
        }
    }
}
