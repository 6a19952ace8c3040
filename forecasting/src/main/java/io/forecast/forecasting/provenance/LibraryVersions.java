package io.forecast.forecasting.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of the libraries a model was trained with, read from the jars' Maven metadata. */
public final class LibraryVersions {
  private static final String[][] ARTIFACTS = {
      {"djl", "ai.djl", "api"},
      {"djl-pytorch-engine", "ai.djl.pytorch", "pytorch-engine"},
      {"ejml", "org.ejml", "ejml-ddense"},
      {"tablesaw", "tech.tablesaw", "tablesaw-core"},
      {"tribuo", "org.tribuo", "tribuo-regression-core"},
      {"forecast", "io.forecast", "forecast-forecasting"},
  };

  private LibraryVersions() {}

  /**
   * Java and library versions, in a fixed order; a library whose metadata cannot be read (e.g.
   * classes run from an IDE's output folder) is reported as {@code unknown}.
   */
  public static Map<String, String> current() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("java", System.getProperty("java.version"));
    for (String[] a : ARTIFACTS) {
      out.put(a[0], mavenVersion(a[1], a[2]));
    }
    // DJL and EJML are built with Gradle: no Maven metadata; their own version records instead
    fill(out, "djl", () -> property("/ai/djl/engine/api.properties", "djl_version"));
    fill(out, "djl-pytorch-engine", () -> property("/pytorch-engine.properties", "djl_version"));
    out.put("pytorch", property("/pytorch-engine.properties", "pytorch_version"));
    fill(out, "ejml", () -> org.ejml.EjmlVersion.VERSION);
    return Collections.unmodifiableMap(out);
  }

  private static void fill(Map<String, String> out, String key, java.util.function.Supplier<String> version) {
    if ("unknown".equals(out.get(key))) {
      String v = version.get();
      out.put(key, v == null || v.isBlank() ? "unknown" : v.trim());
    }
  }

  /** A property of a properties file on the class path, or {@code unknown}. */
  static String property(String resource, String key) {
    try (InputStream in = LibraryVersions.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key, "unknown").trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String mavenVersion(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = LibraryVersions.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
