package io.forecast.attention.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The official code's reference outputs in {@code ../shared/fixtures/attention} (README there). Tests
 * that need them are skipped when the folder is absent.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixtures folder; skips the calling test when it does not exist. */
  public static Path dir() {
    Path dir = Path.of(System.getProperty("forecast.shared.dir", "../../shared"), "fixtures", "attention");
    assumeTrue(Files.isDirectory(dir), "attention fixtures not present at " + dir);
    return dir;
  }

  /** A header-less CSV matrix of the fixtures ({@code %.17g}, round-trip exact). */
  public static DMatrixRMaj matrix(String relative) {
    try {
      List<String> lines = Files.readAllLines(dir().resolve(relative)).stream().filter(l -> !l.isBlank()).toList();
      int cols = lines.get(0).split(",").length;
      DMatrixRMaj m = new DMatrixRMaj(lines.size(), cols);
      for (int i = 0; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",");
        for (int j = 0; j < cols; j++) {
          m.set(i, j, Double.parseDouble(cells[j].strip()));
        }
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
