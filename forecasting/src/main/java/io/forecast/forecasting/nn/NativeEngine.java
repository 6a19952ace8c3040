package io.forecast.forecasting.nn;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Properties;

/**
 * The PyTorch engine, or an {@link EngineUnavailableException} that says which dependency to add.
 *
 * <p>The library depends on the platform-free {@code pytorch-native-cpu} jar only: the native
 * library itself comes from the jar of the user's platform (classifier {@code linux-x86_64},
 * {@code linux-aarch64}, {@code osx-aarch64}, {@code win-x86_64}), or DJL downloads it when not
 * offline. Every use of the engine in this project goes through {@link #get()}, so a missing native
 * library is reported once, in words, instead of DJL's "Failed to save pytorch index file".
 */
public final class NativeEngine {
  /** The engine name DJL registers PyTorch under. */
  public static final String NAME = "PyTorch";

  private NativeEngine() {}

  /**
   * The PyTorch engine, loading its native library on the first call.
   *
   * @throws EngineUnavailableException when the native library is neither on the class path nor
   *     downloadable, naming the dependency for this platform
   */
  public static Engine get() {
    try {
      return Engine.getEngine(NAME);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new EngineUnavailableException(missingMessage(e), e);
    }
  }

  /** The message for a native library that could not be loaded: the cause, and the dependency to add. */
  static String missingMessage(Throwable cause) {
    String os = System.getProperty("os.name", "?");
    String arch = System.getProperty("os.arch", "?");
    String classifier = classifier(os, arch);
    String version = nativeVersion();
    boolean offline = Boolean.getBoolean("ai.djl.offline");
    StringBuilder sb = new StringBuilder("the PyTorch native library could not be loaded");
    sb.append(" (").append(rootMessage(cause)).append(")");
    if (classifier == null) {
      sb.append(": no CPU build of PyTorch ").append(version).append(" is published for ").append(os).append(' ')
          .append(arch).append(" (supported: linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64)");
      return sb.toString();
    }
    sb.append(": add the dependency ai.djl.pytorch:pytorch-native-cpu:").append(version).append(" with classifier ")
        .append(classifier).append(" (Maven: <classifier>").append(classifier).append("</classifier>)");
    if (offline) {
      sb.append(", or allow DJL to download it once by dropping -Dai.djl.offline=true");
    }
    sb.append("; the library is extracted into DJL_CACHE_DIR (default ~/.djl.ai, about 430 MB)");
    return sb.toString();
  }

  /** The Maven classifier of the native jar for an OS name and architecture, or null when none is published. */
  static String classifier(String osName, String arch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String a = arch.toLowerCase(Locale.ROOT);
    boolean x64 = a.equals("amd64") || a.equals("x86_64");
    boolean arm64 = a.equals("aarch64") || a.equals("arm64");
    if (os.startsWith("linux")) {
      return x64 ? "linux-x86_64" : arm64 ? "linux-aarch64" : null;
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return arm64 ? "osx-aarch64" : null;
    }
    if (os.startsWith("windows")) {
      return x64 ? "win-x86_64" : null;
    }
    return null;
  }

  /** The PyTorch version named by the platform-free native jar on the class path. */
  static String nativeVersion() {
    try {
      Enumeration<URL> urls = NativeEngine.class.getClassLoader().getResources("native/lib/pytorch.properties");
      while (urls.hasMoreElements()) {
        Properties p = new Properties();
        try (InputStream in = urls.nextElement().openStream()) {
          p.load(in);
        }
        String v = p.getProperty("version");
        if (v != null) {
          int dash = v.indexOf('-');
          return dash > 0 ? v.substring(0, dash) : v;
        }
      }
    } catch (IOException e) {
      // fall through: the message then names no version
    }
    return "2.7.1";
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? "no native library found" : m.strip();
  }
}
