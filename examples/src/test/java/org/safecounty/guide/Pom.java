package org.safecounty.guide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A pom.xml as the tests compare them: coordinates, properties, managed and declared dependencies,
 * with {@code ${…}} replaced from the pom's own properties and {@code project.version}.
 */
record Pom(Path file, Element project) {

    /** One dependency: group, artifact, version ({@code null} when managed elsewhere), type and scope. */
    record Dependency(String groupId, String artifactId, String version, String type, String scope) {
        String key() {
            return groupId + ":" + artifactId + ":" + type;
        }

        /** A file holding one {@code <dependency>} element, as a guide shows it. */
        static Dependency read(Path file) {
            Element d = Pom.read(file).project();
            String type = text(d, "type");
            return new Dependency(text(d, "groupId"), text(d, "artifactId"), text(d, "version"),
                    type == null ? "jar" : type, text(d, "scope"));
        }
    }

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static Pom read(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(file.toFile());
            return new Pom(file, d.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }

    boolean hasParent() {
        return child(project, "parent") != null;
    }

    String groupId() {
        return text(project, "groupId");
    }

    String artifactId() {
        return text(project, "artifactId");
    }

    String version() {
        return text(project, "version");
    }

    Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        Element p = child(project, "properties");
        if (p != null) {
            for (Element e : children(p)) {
                props.put(e.getTagName(), e.getTextContent().strip());
            }
        }
        return props;
    }

    /** {@code ${name}} replaced by the pom's property or its version. */
    String resolve(String value) {
        if (value == null) {
            return null;
        }
        Map<String, String> props = properties();
        props.put("project.version", version());
        Matcher m = PROPERTY.matcher(value);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String v = props.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(file + ": ${" + m.group(1) + "} is not defined in the pom");
            }
            m.appendReplacement(s, Matcher.quoteReplacement(v));
        }
        return m.appendTail(s).toString();
    }

    List<Dependency> managed() {
        Element dm = child(project, "dependencyManagement");
        return dm == null ? List.of() : dependencies(child(dm, "dependencies"));
    }

    List<Dependency> dependencies() {
        return dependencies(child(project, "dependencies"));
    }

    /** The version of each plugin in {@code build/pluginManagement} and {@code build/plugins}, by artifactId. */
    Map<String, String> pluginVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        Element build = child(project, "build");
        if (build == null) {
            return versions;
        }
        List<Element> lists = new ArrayList<>();
        Element pm = child(build, "pluginManagement");
        if (pm != null) {
            lists.add(child(pm, "plugins"));
        }
        lists.add(child(build, "plugins"));
        for (Element list : lists) {
            if (list != null) {
                for (Element plugin : children(list)) {
                    versions.put(text(plugin, "artifactId"), resolve(text(plugin, "version")));
                }
            }
        }
        return versions;
    }

    private List<Dependency> dependencies(Element list) {
        List<Dependency> deps = new ArrayList<>();
        if (list != null) {
            for (Element d : children(list)) {
                String type = text(d, "type");
                deps.add(new Dependency(text(d, "groupId"), text(d, "artifactId"), resolve(text(d, "version")),
                        type == null ? "jar" : type, text(d, "scope")));
            }
        }
        return deps;
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }
}
