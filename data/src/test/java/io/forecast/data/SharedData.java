package io.forecast.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark CSVs beside the checkout; tests that need them skip when absent. */
final class SharedData {
  private SharedData() {}

  static Path file(String name) {
    Path dir = Path.of(System.getProperty("forecast.shared.dir", "../../shared"), "data");
    Path file = dir.resolve(name);
    assumeTrue(Files.isRegularFile(file), "shared benchmark data not found: " + file);
    return file;
  }
}
