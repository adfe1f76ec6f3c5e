package dev.jrun.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jbang-catalog.json read into aliases, and aliases followed to their scripts (no files: catalogs in memory). */
class CatalogTest {
    static final String TOOLS = """
            {
              "description": "tools",
              "catalogs": {"remote": {"catalog-ref": "https://example.com/c/jbang-catalog.json", "description": "far"}},
              "aliases": {
                "hello": {
                  "script-ref": "scripts/hello.java",
                  "description": "says hello",
                  "arguments": ["-v", "world"],
                  "java-options": ["-Xmx64m -Dx=1", "-Dgreeting=hi there"],
                  "dependencies": ["info.picocli:picocli:4.7.6"],
                  "repositories": ["https://repo.example.com/m2"],
                  "properties": {"p": "q"},
                  "java": 17,
                  "main": "pkg.Hello"
                },
                "hi": {"script-ref": "hello", "arguments": ["again"]},
                "far": {"script-ref": "tool@remote"},
                "loop1": {"script-ref": "loop2"},
                "loop2": {"script-ref": "loop1"},
                "gav": {"script-ref": "info.picocli:picocli-codegen:4.7.6"},
                "web": {"script-ref": "https://example.org/x.java"}
              },
              "templates": {"t": {"file-refs": {"{basename}.java": "t.java"}}}
            }
            """;

    /** Catalogs by location; local() is the given chain. */
    static final class Memory implements Lookup {
        final Map<String, Catalog> byRef = new HashMap<>();
        final List<Catalog> chain = new ArrayList<>();
        final List<String> loads = new ArrayList<>();

        Catalog add(String location, String json) {
            Catalog c = Catalog.parse(json, location);
            byRef.put(location, c);
            return c;
        }

        @Override
        public List<Catalog> local() {
            return chain;
        }

        @Override
        public Catalog load(String ref) {
            loads.add(ref);
            Catalog c = byRef.get(ref);
            if (c == null) {
                throw new JrunException(ExitCode.REMOTE, ref + ": the server answered 404 (not found); check the URL");
            }
            return c;
        }

        @Override
        public String github() {
            return "http://127.0.0.1:1";
        }
    }

    @Test
    void parsesEveryFieldJrunUses() {
        Catalog c = Catalog.parse(TOOLS, "/p/jbang-catalog.json");
        assertEquals("tools", c.description());
        Alias a = c.aliases().get("hello");
        assertEquals("scripts/hello.java", a.scriptRef());
        assertEquals("says hello", a.description());
        assertEquals(List.of("-v", "world"), a.arguments());
        assertEquals(List.of("-Xmx64m -Dx=1", "-Dgreeting=hi there"), a.javaOptions());
        assertEquals(List.of("info.picocli:picocli:4.7.6"), a.dependencies());
        assertEquals(List.of("https://repo.example.com/m2"), a.repositories());
        assertEquals(Map.of("p", "q"), a.properties());
        assertEquals("17", a.java());
        assertEquals("pkg.Hello", a.main());
        assertEquals(Map.of("remote", "https://example.com/c/jbang-catalog.json"), c.catalogs());
        assertEquals(7, c.aliases().size());
    }

    @Test
    void badCatalogsSayWhereAndWhat() {
        JrunException e = assertThrows(JrunException.class, () -> Catalog.parse("{\"aliases\": {\"x\": {}}}", "/p/c.json"));
        assertTrue(e.getMessage().contains("/p/c.json") && e.getMessage().contains("aliases.x has no script-ref"), e.getMessage());
        e = assertThrows(JrunException.class, () -> Catalog.parse("{\"aliases\": [", "/p/c.json"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(JrunException.class, () -> Catalog.parse("{\"aliases\": {\"x\": {\"script-ref\": \"a\","
                + " \"arguments\": [1]}}}", "/p/c.json"));
        assertTrue(e.getMessage().contains("aliases.x.arguments is not a list of strings"), e.getMessage());
    }

    @Test
    void aScriptRefIsRelativeToItsCatalogOrItsBaseRef() {
        Catalog c = Catalog.parse(TOOLS, "/p/jbang-catalog.json");
        assertEquals("/p/scripts/hello.java", c.resolve("scripts/hello.java"));
        assertEquals("/abs/x.java", c.resolve("/abs/x.java"));
        assertEquals("/x.java", c.resolve("../x.java"));
        assertEquals("info.picocli:picocli:4.7.6", c.resolve("info.picocli:picocli:4.7.6"));
        assertEquals("https://example.org/x.java", c.resolve("https://example.org/x.java"));
        Catalog based = Catalog.parse("{\"base-ref\": \"src\", \"aliases\": {}}", "/p/.jbang/jbang-catalog.json");
        assertEquals("/p/.jbang/src/a.java", based.resolve("a.java"));
        Catalog far = Catalog.parse("{\"base-ref\": \"https://cdn.example/s\", \"aliases\": {}}", "/p/jbang-catalog.json");
        assertEquals("https://cdn.example/s/a.java", far.resolve("a.java"));
    }

    @Test
    void aUrlCatalogsRelativeRefIsAUrlBesideIt() {
        Catalog c = Catalog.parse(TOOLS, "https://example.com/me/cat/jbang-catalog.json");
        assertTrue(c.remote());
        assertEquals("https://example.com/me/cat/scripts/hello.java", c.resolve("scripts/hello.java"));
        assertEquals("https://example.com/me/x.java", c.resolve("../x.java"));
        JrunException e = assertThrows(JrunException.class, () -> c.resolve("/etc/x.java"));
        assertTrue(e.getMessage().contains("absolute path in a remote catalog"), e.getMessage());
    }

    @Test
    void anAliasResolvesWithItsOptionsInRunOrder() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        Resolved r = new AliasResolver(m).resolve("hello");
        assertEquals("/p/scripts/hello.java", r.script());
        assertEquals(List.of("-v", "world"), r.arguments());
        assertEquals(List.of("--java", "17", "--main", "pkg.Hello", "-Dp=q", "-R", "-Xmx64m", "-R", "-Dx=1", "-R",
                "-Dgreeting=hi there", "--deps", "info.picocli:picocli:4.7.6", "--repos", "https://repo.example.com/m2"),
                r.options());
        assertEquals("info.picocli:picocli-codegen:4.7.6", new AliasResolver(m).resolve("gav").script());
        assertEquals("https://example.org/x.java", new AliasResolver(m).resolve("web").script());
    }

    @Test
    void theNearestCatalogThatHasTheNameWins() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/sub/jbang-catalog.json", "{\"aliases\": {\"other\": {\"script-ref\": \"o.java\"}}}"));
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        m.chain.add(m.add("/home/me/.config/jrun/jbang-catalog.json",
                "{\"aliases\": {\"hello\": {\"script-ref\": \"mine.java\"}, \"own\": {\"script-ref\": \"own.java\"}}}"));
        AliasResolver r = new AliasResolver(m);
        assertEquals("/p/scripts/hello.java", r.resolve("hello").script());
        assertEquals("/p/sub/o.java", r.resolve("other").script());
        assertEquals("/home/me/.config/jrun/own.java", r.resolve("own").script());
        assertTrue(r.find("nothing").isEmpty());
        // an alias of your own catalog may name one of the project's
        m.chain.add(m.add("/home/me/x/jbang-catalog.json", "{\"aliases\": {\"mine\": {\"script-ref\": \"other\"}}}"));
        assertEquals("/p/sub/o.java", r.resolve("mine").script());
    }

    @Test
    void anAliasOfAnAliasTakesTheOuterOnesArgumentsAndTheInnerOnesScript() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        Resolved r = new AliasResolver(m).resolve("hi");
        assertEquals("/p/scripts/hello.java", r.script());
        assertEquals(List.of("again"), r.arguments());
        assertEquals(List.of("info.picocli:picocli:4.7.6"), r.dependencies());
        assertEquals("says hello", r.description());
        assertEquals(List.of("hi", "hello"), r.chain());
    }

    @Test
    void aLoopOfAliasesIsAnError() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        JrunException e = assertThrows(JrunException.class, () -> new AliasResolver(m).resolve("loop1"));
        assertTrue(e.getMessage().contains("loop (loop1 -> loop2 -> loop1)"), e.getMessage());
        assertEquals(ExitCode.USAGE, e.status());
    }

    @Test
    void anUnknownAliasSaysWhichOneWasMeant() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        JrunException e = assertThrows(JrunException.class, () -> new AliasResolver(m).resolve("helo"));
        assertTrue(e.getMessage().contains("did you mean hello?"), e.getMessage());
        e = assertThrows(JrunException.class, () -> new AliasResolver(m).resolve("zzzzzz"));
        assertTrue(e.getMessage().contains("jrun alias list"), e.getMessage());
    }

    @Test
    void namedAndImplicitCatalogs() {
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", TOOLS));
        m.add("https://example.com/c/jbang-catalog.json", "{\"aliases\": {\"tool\": {\"script-ref\": \"t/tool.java\","
                + " \"arguments\": [\"x\"]}}}");
        m.add("http://127.0.0.1:1/acme/jbang-catalog/blob/HEAD/jbang-catalog.json",
                "{\"aliases\": {\"cli\": {\"script-ref\": \"cli.java\"}}}");
        AliasResolver r = new AliasResolver(m);
        assertEquals("https://example.com/c/t/tool.java", r.resolve("tool@remote").script());
        assertEquals("https://example.com/c/t/tool.java", r.resolve("far").script());
        assertEquals(List.of("x"), r.resolve("far").arguments());
        assertEquals("http://127.0.0.1:1/acme/jbang-catalog/blob/HEAD/cli.java", r.resolve("cli@acme").script());
        JrunException e = assertThrows(JrunException.class, () -> r.resolve("clj@acme"));
        assertTrue(e.getMessage().contains("did you mean cli@acme?"), e.getMessage());
        JrunException none = assertThrows(JrunException.class, () -> r.resolve("cli@nobody"));
        assertTrue(none.getMessage().contains("nobody: no catalog of that name here"), none.getMessage());
    }

    @Test
    void implicitCatalogUrlsAreJbangs() {
        String gh = "https://github.com";
        assertEquals("https://github.com/acme/jbang-catalog/blob/HEAD/jbang-catalog.json", CatalogRef.url("acme", gh));
        assertEquals("https://github.com/acme/tools/blob/HEAD/jbang-catalog.json", CatalogRef.url("acme/tools", gh));
        assertEquals("https://github.com/acme/tools/blob/v1/jbang-catalog.json", CatalogRef.url("acme/tools/v1", gh));
        assertEquals("https://github.com/acme/tools/blob/HEAD/sub/dir/jbang-catalog.json", CatalogRef.url("acme/tools~sub/dir", gh));
        assertEquals("https://example.com/x/jbang-catalog.json", CatalogRef.url("example.com/x", gh));
        assertEquals("http://127.0.0.1:9/acme/jbang-catalog/blob/HEAD/jbang-catalog.json", CatalogRef.url("acme", "http://127.0.0.1:9/"));
    }

    @Test
    void theFormOfAnAlias() {
        assertTrue(AliasResolver.looksLikeAlias("hello"));
        assertTrue(AliasResolver.looksLikeAlias("hello-world_2"));
        assertTrue(AliasResolver.looksLikeAlias("hello@jbangdev"));
        assertTrue(AliasResolver.looksLikeAlias("hello@org/repo"));
        assertFalse(AliasResolver.looksLikeAlias("hello.java"));
        assertFalse(AliasResolver.looksLikeAlias("./hello"));
        assertFalse(AliasResolver.looksLikeAlias("2hello"));
        assertFalse(AliasResolver.looksLikeAlias("hello@"));
    }

    @Test
    void editsKeepWhatJrunDoesNotUse() {
        Catalog c = Catalog.parse(TOOLS, "/p/jbang-catalog.json");
        Catalog added = c.withAlias("new", Map.of("script-ref", "n.java")).withCatalog("more", "/q/jbang-catalog.json", null);
        assertEquals("n.java", added.aliases().get("new").scriptRef());
        assertEquals("/q/jbang-catalog.json", added.catalogs().get("more"));
        assertTrue(added.toJson().contains("\"templates\""), added.toJson());
        Catalog again = Catalog.parse(added.toJson(), "/p/jbang-catalog.json").withoutAlias("new").withoutCatalog("more");
        assertNull(again.aliases().get("new"));
        assertEquals(c.aliases().keySet(), again.aliases().keySet());
        assertFalse(again.catalogs().containsKey("more"));
    }

    @Test
    void aLocalCatalogsFilesAreAbsoluteAndARemoteOnesRefused() {
        String json = "{\"aliases\": {\"x\": {\"script-ref\": \"x.java\", \"sources\": [\"lib/A.java\"],"
                + " \"files\": [\"conf/app.properties=res/app.properties\", \"res/b.txt\"], \"classpaths\": [\"lib/a.jar:lib/b.jar\"],"
                + " \"compile-options\": [\"-Xlint\"]}}}";
        Memory m = new Memory();
        m.chain.add(m.add("/p/jbang-catalog.json", json));
        assertEquals(List.of("-C", "-Xlint", "-s", "/p/lib/A.java", "--files", "conf/app.properties=/p/res/app.properties",
                "--files", "/p/res/b.txt", "--cp", "/p/lib/a.jar:/p/lib/b.jar"), new AliasResolver(m).resolve("x").options());
        Memory far = new Memory();
        far.chain.add(far.add("https://example.com/jbang-catalog.json", json));
        JrunException e = assertThrows(JrunException.class, () -> new AliasResolver(far).resolve("x").options());
        assertTrue(e.getMessage().contains("files of a remote catalog"), e.getMessage());
    }
}
