package io.xlj.lab.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the test cases out of a legacy JUnit XML report (the console launcher's TEST-*.xml). */
final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    static List<Dom0TestCase> read(Path report) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList cases = f.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            List<Dom0TestCase> result = new ArrayList<>();
            for (int i = 0; i < cases.getLength(); i++) {
                result.add(toCase((Element) cases.item(i)));
            }
            return result;
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read the JUnit report " + report + ": " + e.getMessage(), e);
        }
    }

    private static Dom0TestCase toCase(Element tc) {
        String cls = tc.getAttribute("classname");
        String name = tc.getAttribute("name");
        for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                Dom0TestCase.Outcome o = switch (e.getTagName()) {
                    case "failure" -> Dom0TestCase.Outcome.FAILED;
                    case "error" -> Dom0TestCase.Outcome.ERROR;
                    case "skipped" -> Dom0TestCase.Outcome.SKIPPED;
                    default -> null;
                };
                if (o != null) {
                    return new Dom0TestCase(cls, name, o, e.getAttribute("message"), e.getTextContent());
                }
            }
        }
        return new Dom0TestCase(cls, name, Dom0TestCase.Outcome.PASSED, "", "");
    }
}
