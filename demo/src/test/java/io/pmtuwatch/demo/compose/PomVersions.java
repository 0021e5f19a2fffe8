package io.pmtuwatch.demo.compose;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

/** The versions the parent pom pins, which the compose file's images must follow. */
record PomVersions(String project, String elasticsearch, String kafka, String javaRelease) {

    static PomVersions read(Path root) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        Element properties = child(project, "properties");
        return new PomVersions(child(project, "version").getTextContent().trim(),
                child(properties, "elasticsearch.version").getTextContent().trim(),
                child(properties, "kafka.version").getTextContent().trim(),
                child(properties, "maven.compiler.release").getTextContent().trim());
    }

    /** "4.3.1" -> "4.3": the broker line the clients are built against. */
    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("pom.xml: no <" + name + "> under <" + parent.getTagName() + ">");
    }
}
