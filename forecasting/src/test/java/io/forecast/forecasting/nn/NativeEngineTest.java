package io.forecast.forecasting.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeEngineTest {

  @Test
  void classifiersOfThePublishedPlatforms() {
    assertThat(NativeEngine.classifier("Linux", "amd64")).isEqualTo("linux-x86_64");
    assertThat(NativeEngine.classifier("Linux", "aarch64")).isEqualTo("linux-aarch64");
    assertThat(NativeEngine.classifier("Mac OS X", "aarch64")).isEqualTo("osx-aarch64");
    assertThat(NativeEngine.classifier("Windows 11", "amd64")).isEqualTo("win-x86_64");
    assertThat(NativeEngine.classifier("Mac OS X", "x86_64")).isNull(); // PyTorch 2.7 publishes no Intel-Mac build
    assertThat(NativeEngine.classifier("Linux", "ppc64le")).isNull();
  }

  @Test
  void theVersionIsReadFromThePlatformFreeNativeJar() {
    assertThat(NativeEngine.nativeVersion()).isEqualTo("2.7.1");
  }

  @Test
  void theEngineLoadsWhenThePlatformJarIsPresent() {
    assertThat(NativeEngine.get().getEngineName()).isEqualTo(NativeEngine.NAME);
  }

  /**
   * A JVM whose class path lacks the platform's native jar, offline, with an empty cache: the first use
   * of the engine fails with one message naming the dependency to add.
   */
  @Test
  void withoutThePlatformJarTheErrorNamesTheDependencyToAdd(@TempDir Path cache) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.stream(classpath.split(File.pathSeparator))
        .filter(e -> !(e.contains("pytorch-native-cpu") && e.contains(NativeEngine.classifier(
            System.getProperty("os.name"), System.getProperty("os.arch")))))
        .collect(Collectors.toList());
    assertThat(entries).as("the test class path holds the platform-free native jar")
        .anyMatch(e -> e.endsWith("pytorch-native-cpu-2.7.1.jar"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", String.join(File.pathSeparator, entries), Probe.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DJL_CACHE_DIR", cache.toString());
    pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(3);
    String classifier = NativeEngine.classifier(System.getProperty("os.name"), System.getProperty("os.arch"));
    assertThat(out).contains("the PyTorch native library could not be loaded (Offline mode is enabled.): add the "
        + "dependency ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier " + classifier
        + " (Maven: <classifier>" + classifier + "</classifier>), or allow DJL to download it once by dropping "
        + "-Dai.djl.offline=true; the library is extracted into DJL_CACHE_DIR");
  }

  /** Runs in the child JVM: uses the engine, prints the error's message, exits 3 on the expected error. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        NativeEngine.get();
        System.out.println("loaded");
        System.exit(0);
      } catch (EngineUnavailableException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }
}
