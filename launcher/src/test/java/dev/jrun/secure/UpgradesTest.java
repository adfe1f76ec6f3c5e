package dev.jrun.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradesTest {

    @Test
    void patchMinorAndMajorAreTheNewestAtEachLevel() {
        List<String> v = List.of("1.0.0", "1.0.1", "1.0.2", "1.1.0", "1.2.0", "2.0.0", "3.0.0-beta1", "0.9");
        assertEquals(new Upgrades("1.0.2", "1.2.0", "2.0.0"), Upgrades.of("1.0.0", v));
        assertEquals(new Upgrades(null, "1.2.0", "2.0.0"), Upgrades.of("1.0.2", v));
        assertEquals(new Upgrades(null, null, null), Upgrades.of("2.0.0", v));
        assertEquals("3.0.0-beta1", Upgrades.of("3.0.0-alpha1", v).major(), "a pre-release sees pre-releases");
        assertEquals(new Upgrades(null, "1.10", "1.10"), Upgrades.of("1.9", List.of("1.9", "1.10", "1.1")));
    }

    @Test
    void osvRangesAndVersionListsMarkAffectedVersionsAndTheNearestFixedOne() {
        Advisories a = new Advisories(Advisories.parse(JsonParser.parseString("""
                {"id": "GHSA-test-0001", "summary": "s",
                 "affected": [{"package": {"ecosystem": "Maven", "name": "com.example:lib"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}]},
                   {"package": {"ecosystem": "npm", "name": "com.example:lib"}, "versions": ["1.1.0"]}]}
                """)));
        Advisories b = new Advisories(Advisories.parse(JsonParser.parseString("""
                {"id": "OSV-2", "affected": [{"package": {"ecosystem": "Maven", "name": "com.example:lib"},
                   "versions": ["1.0.1"],
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0.0"}, {"last_affected": "2.0.0"}]}]}]}
                """)));
        assertEquals(List.of("GHSA-test-0001"), a.affecting("com.example:lib", "1.0.0"));
        assertEquals(List.of(), a.affecting("com.example:lib", "1.0.1"));
        assertEquals(List.of(), a.affecting("com.example:lib", "1.1.0"), "npm is another ecosystem");
        assertEquals(List.of(), a.affecting("com.example:other", "1.0.0"));
        assertEquals(List.of("OSV-2"), b.affecting("com.example:lib", "2.0.0"));
        List<String> all = List.of("1.0.0", "1.0.1", "1.1.0", "2.0.0");
        assertEquals("1.0.1", a.nearestFixed("com.example:lib", "1.0.0", all));
        Advisories both = new Advisories(List.of(Advisories.parse(JsonParser.parseString("""
                {"id": "X-1", "affected": [{"package": {"ecosystem": "Maven", "name": "g:a"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.0"}]}]}]}
                """)).get(0)));
        assertEquals("1.1.0", both.nearestFixed("g:a", "1.0.0", all));
    }

    @Test
    void rewritingChangesOnlyTheVersionOnItsLine() {
        String text = "///usr/bin/env jrun\r\n//DEPS com.example:lib:1.0.0   com.example:tool:1.0 // why\r\n"
                + "//DEPS com.example:lib:1.0.0.1\nclass x {} // com.example:lib:1.0.0\n";
        String out = DepsRewriter.apply(text, List.of(new DepsRewriter.Edit(2, "com.example:lib:1.0.0", "com.example:lib:1.1.0"),
                new DepsRewriter.Edit(3, "com.example:lib:1.0.0", "com.example:lib:9")));
        assertEquals(text.replaceFirst("lib:1\\.0\\.0   ", "lib:1.1.0   "), out);
        assertEquals("//DEPS com.example:lib:1.1.0   com.example:tool:1.0 // why", DepsRewriter.line(out, 2));
        String classifier = DepsRewriter.apply("//DEPS g:a:1.0:linux@jar\n", List.of(new DepsRewriter.Edit(1, "g:a:1.0", "g:a:2.0")));
        assertEquals("//DEPS g:a:2.0:linux@jar\n", classifier);
    }
}
