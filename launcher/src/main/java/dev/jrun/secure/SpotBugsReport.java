package dev.jrun.secure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads SpotBugs' XML report ({@code -xml:withMessages}) into findings at the line each bug is
 * reported at: its primary source line, else its method's, else its class's first line. The
 * source file the class file names is mapped back to the name the user gave the unit.
 */
final class SpotBugsReport {
    private SpotBugsReport() {
    }

    /** @param names the units' names by their file names (the SourceFile attribute javac records) */
    static List<Finding> read(InputStream xml, Map<String, String> names) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // the report is SpotBugs' own, but read it as any XML should be: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            root = f.newDocumentBuilder().parse(xml).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable SpotBugs report: " + e.getMessage(), e);
        }
        Set<Finding> out = new LinkedHashSet<>();
        NodeList bugs = root.getElementsByTagName("BugInstance");
        for (int i = 0; i < bugs.getLength(); i++) {
            Element bug = (Element) bugs.item(i);
            Element line = sourceLine(bug);
            if (line == null) {
                continue;
            }
            String file = line.getAttribute("sourcefile");
            String start = line.getAttribute("start");
            String message = text(bug, "LongMessage");
            String cwe = bug.getAttribute("cweid");
            if (!cwe.isEmpty() && !cwe.equals("0")) {
                message += " (CWE-" + cwe + ")";
            }
            out.add(new Finding(names.getOrDefault(file, file), start.isEmpty() ? 0 : Integer.parseInt(start),
                    bug.getAttribute("type"), message));
        }
        return new ArrayList<>(out);
    }

    private static Element sourceLine(Element bug) {
        Element first = null;
        for (Node n = bug.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("SourceLine")) {
                if (e.getAttribute("primary").equals("true")) {
                    return e;
                }
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            return first;
        }
        for (String holder : List.of("Method", "Class")) {
            NodeList l = bug.getElementsByTagName(holder);
            for (int i = 0; i < l.getLength(); i++) {
                NodeList s = ((Element) l.item(i)).getElementsByTagName("SourceLine");
                if (s.getLength() > 0) {
                    return (Element) s.item(0);
                }
            }
        }
        return null;
    }

    private static String text(Element bug, String tag) {
        NodeList l = bug.getElementsByTagName(tag);
        return l.getLength() == 0 ? bug.getAttribute("type") : l.item(0).getTextContent().strip();
    }
}
