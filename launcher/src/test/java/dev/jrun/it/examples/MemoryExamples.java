package dev.jrun.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrun.it.Jrun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs the memory and performance demos of examples/ through the installed jrun and reads their CSV. */
final class MemoryExamples {
    private MemoryExamples() {}

    static Path example(String name) {
        return Jrun.repoRoot().resolve("examples").resolve(name);
    }

    /** jrun examples/NAME ARGS..., in {@code dir} with its own cache; fails unless it exits 0. */
    static Jrun.Result run(Path dir, String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(example(name).toString());
        cmd.addAll(List.of(args));
        Jrun.Result r = Jrun.cmd(cmd.toArray(String[]::new)).dir(dir).cache(dir.resolve("cache"))
                .timeout(Duration.ofSeconds(90)).run();
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    /** The rows of CSV output whose first line must be {@code header}, as maps from column to cell. */
    static List<Map<String, String>> csv(Jrun.Result r, String header) {
        String[] lines = r.out().split("\n");
        assertEquals(header, lines[0], r.toString());
        String[] cols = header.split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(cols.length, cells.length, "line " + (i + 1) + ": " + lines[i]);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cols.length; c++) {
                row.put(cols[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The row whose {@code key} columns hold {@code values}, in order. */
    static Map<String, String> row(List<Map<String, String>> rows, List<String> key, String... values) {
        return rows.stream().filter(r -> {
            for (int i = 0; i < key.size(); i++) {
                if (!r.get(key.get(i)).equals(values[i])) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no row " + key + "=" + List.of(values) + " in " + rows));
    }

    /** The SVG file, parsed as XML (so it is well-formed), with an svg root element. */
    static Document svg(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(file.toFile());
            assertEquals("svg", d.getDocumentElement().getLocalName(), Files.readString(file));
            assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
            return d;
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG: " + file + ": " + e, e);
        }
    }

    /** The series groups of a chart, {@code <g class="series" id="...">}, by id. */
    static Map<String, Element> series(Document svg) {
        Map<String, Element> m = new LinkedHashMap<>();
        NodeList gs = svg.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").equals("series")) {
                m.put(g.getAttribute("id"), g);
            }
        }
        return m;
    }

    /** The elements {@code tag} under {@code e} whose class is {@code cls} (any class when null). */
    static List<Element> elements(Element e, String tag, String cls) {
        List<Element> l = new ArrayList<>();
        NodeList n = e.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < n.getLength(); i++) {
            Element x = (Element) n.item(i);
            if (cls == null || x.getAttribute("class").equals(cls)) {
                l.add(x);
            }
        }
        return l;
    }

}
