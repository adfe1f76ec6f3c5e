package dev.jrun.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

    @Test
    void aMarkCoversItsLineAndTheNextForTheRulesItNames() {
        Map<String, List<String>> lines = Map.of("a.java", List.of(
                "x(); // jrun:nosec",
                "// jrun:nosec COMMAND_INJECTION argv list, no shell",
                "new ProcessBuilder(cmd);",
                "y();"));
        assertTrue(Suppressions.suppressed(new Finding("a.java", 1, "PATH_TRAVERSAL_IN", "m"), lines));
        assertTrue(Suppressions.suppressed(new Finding("a.java", 3, "COMMAND_INJECTION", "m"), lines));
        assertFalse(Suppressions.suppressed(new Finding("a.java", 3, "PATH_TRAVERSAL_IN", "m"), lines));
        assertFalse(Suppressions.suppressed(new Finding("a.java", 4, "COMMAND_INJECTION", "m"), lines));
        assertFalse(Suppressions.suppressed(new Finding("b.java", 1, "X_Y", "m"), lines));
        assertTrue(Suppressions.marks("// jrun:nosec The input is ours", "ANY_RULE"));
    }

    @Test
    void theReportGivesEachBugItsPrimaryLineInTheUnitsName() throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <BugCollection><BugInstance type="COMMAND_INJECTION" priority="2" rank="12" category="SECURITY" cweid="78">
                  <Class classname="app"><SourceLine classname="app" start="3" end="40" sourcefile="app.java"/></Class>
                  <Method classname="app" name="main"><SourceLine classname="app" start="5" end="9" sourcefile="app.java"/></Method>
                  <SourceLine classname="app" start="7" end="7" sourcefile="app.java" primary="true"/>
                  <LongMessage>This usage of exec can be vulnerable to Command Injection</LongMessage>
                </BugInstance>
                <BugInstance type="WEAK_TRUST_MANAGER" priority="2" category="SECURITY">
                  <Class classname="app$T"><SourceLine classname="app$T" start="20" end="30" sourcefile="app.java"/></Class>
                  <Method classname="app$T" name="check"><SourceLine classname="app$T" start="22" end="23" sourcefile="app.java"/></Method>
                  <LongMessage>Trusts any certificate</LongMessage>
                </BugInstance></BugCollection>
                """;
        List<Finding> f = SpotBugsReport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                Map.of("app.java", "scripts/app.java"));
        assertEquals(List.of(
                "scripts/app.java:7: COMMAND_INJECTION: This usage of exec can be vulnerable to Command Injection (CWE-78)",
                "scripts/app.java:22: WEAK_TRUST_MANAGER: Trusts any certificate"),
                f.stream().map(Finding::toString).toList());
    }
}
