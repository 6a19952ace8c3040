package io.forecast.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * forecast-bom (api/bom/pom.xml) has literal versions, so that importing it manages nothing else; this
 * test keeps them equal to what the build uses: the parent pom's version properties, and the jars this
 * module (the one that depends on everything) was actually built and tested with.
 */
class BomAlignmentTest {
  static final Path ROOT = Path.of(System.getProperty("forecast.repo.dir", "../.."));

  @Test
  void theBomsVersionPropertiesEqualTheParentPomsAndTheProjectVersion() throws Exception {
    Map<String, String> bom = properties(read(ROOT.resolve("api/bom/pom.xml")));
    Document parentPom = read(ROOT.resolve("pom.xml"));
    Map<String, String> parent = properties(parentPom);
    int compared = 0;
    for (Map.Entry<String, String> e : bom.entrySet()) {
      if (parent.containsKey(e.getKey())) {
        assertThat(e.getValue()).as("property " + e.getKey()).isEqualTo(parent.get(e.getKey()));
        compared++;
      }
    }
    assertThat(compared).as("version properties shared with the parent pom").isGreaterThanOrEqualTo(9);
    assertThat(bom.get("forecast.version")).isEqualTo(child(parentPom.getDocumentElement(), "version"));
  }

  @Test
  void everyManagedArtifactOnTheClassPathHasTheBomsVersion() throws Exception {
    Document doc = read(ROOT.resolve("api/bom/pom.xml"));
    Map<String, String> props = properties(doc);
    List<String> classpath = Arrays.asList(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")).split(File.pathSeparator));
    NodeList deps = doc.getElementsByTagName("dependency");
    List<String> checked = new ArrayList<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      String group = child(d, "groupId");
      String artifact = child(d, "artifactId");
      String version = resolve(child(d, "version"), props);
      if (group.equals("io.forecast")) {
        continue; // the reactor's own modules: compared through forecast.version above
      }
      // a jar from the local repository: .../group/path/artifact/VERSION/artifact-VERSION[-classifier].jar
      Pattern jar = Pattern.compile(Pattern.quote("/" + group.replace('.', '/') + "/" + artifact + "/")
          + "([^/]+)/" + Pattern.quote(artifact) + "-");
      for (String entry : classpath) {
        Matcher m = jar.matcher(entry.replace(File.separatorChar, '/'));
        if (m.find()) {
          assertThat(m.group(1)).as(group + ":" + artifact + " on the class path").isEqualTo(version);
          checked.add(artifact);
        }
      }
    }
    assertThat(checked).as("managed artifacts found on the class path")
        .contains("api", "pytorch-engine", "pytorch-jni", "pytorch-native-cpu", "ejml-ddense", "tablesaw-core",
            "tribuo-regression-core", "picocli", "progressbar", "jline-terminal");
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static Map<String, String> properties(Document doc) {
    Map<String, String> out = new LinkedHashMap<>();
    NodeList list = doc.getElementsByTagName("properties");
    if (list.getLength() == 0) {
      return out;
    }
    NodeList children = list.item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e) {
        out.put(e.getTagName(), e.getTextContent().strip());
      }
    }
    return out;
  }

  private static String child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }

  private static String resolve(String value, Map<String, String> props) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(props.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
