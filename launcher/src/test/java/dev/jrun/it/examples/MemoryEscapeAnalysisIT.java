package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/escape-analysis.java: the caller's buffer costs nothing per call; a new array costs one without EA. */
class MemoryEscapeAnalysisIT {
    static final String HEADER = "variant,escape_analysis,calls,bytes_per_call";

    @TempDir
    Path dir;

    @Test
    void callersBufferAllocatesNothingAndANewArrayIsAllocatedWithoutEscapeAnalysis() {
        Jrun.Result r = MemoryExamples.run(dir, "escape-analysis.java", "--csv", "--calls", "2000000");
        List<Map<String, String>> rows = MemoryExamples.csv(r, HEADER);
        assertEquals(4, rows.size(), r.out());
        List<String> key = List.of("variant", "escape_analysis");
        for (Map<String, String> row : rows) {
            assertEquals("2000000", row.get("calls"), row.toString());
        }
        double buffer = Double.parseDouble(MemoryExamples.row(rows, key, "fills-caller-buffer", "on").get("bytes_per_call"));
        assertTrue(buffer < 1, "the caller's buffer is reused: " + r.out());
        double fresh = Double.parseDouble(MemoryExamples.row(rows, key, "returns-new-array", "off").get("bytes_per_call"));
        assertTrue(fresh >= 32, "without escape analysis each call allocates its 32-byte array: " + r.out());
    }

    @Test
    void explainsWhatTheJitDid() {
        Jrun.Result r = MemoryExamples.run(dir, "escape-analysis.java", "--calls", "500000", "--warmup", "500000",
                "--show-jit");
        assertTrue(r.out().contains("Without escape analysis, read() costs"), r.out());
        assertTrue(r.out().contains("Go's compiler decides escape once"), r.out());
        assertTrue(r.out().contains("EscapeAnalysis$Bytes::read"), "the JIT's inlining notes: " + r.out());
        Jrun.Result bad = Jrun.cmd(MemoryExamples.example("escape-analysis.java").toString(), "--calls", "x").dir(dir)
                .cache(dir.resolve("cache")).run();
        assertEquals(2, bad.status(), bad.toString());
    }
}
