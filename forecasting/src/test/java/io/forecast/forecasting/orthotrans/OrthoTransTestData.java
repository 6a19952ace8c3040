package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test-only helpers: locating the shared benchmark data, a tiny CSV reader (independent of the
 * production loader), synthetic series and the "equal up to row sign / spanned subspace" basis
 * comparison.
 */
final class OrthoTransTestData {
  private OrthoTransTestData() {}

  /** {@code ${forecast.shared.dir}}; the calling test is skipped when it is not set or absent. */
  static Path sharedDir() {
    String dir = System.getProperty("forecast.shared.dir");
    assumeTrue(dir != null, "system property forecast.shared.dir not set");
    Path p = Path.of(dir);
    assumeTrue(Files.isDirectory(p), "shared dir absent: " + p);
    return p;
  }

  /** A file under the shared dir; the calling test is skipped when it does not exist. */
  static Path sharedFile(String relative) {
    Path p = sharedDir().resolve(relative);
    assumeTrue(Files.exists(p), "shared file absent: " + p);
    return p;
  }

  /**
   * Reads the first {@code maxRows} data rows of a benchmark CSV as {@code variates[j][t]}: header
   * skipped, column 0 (date) dropped, CRLF tolerated, empty or NaN cells read as 0 (as the official
   * notebook's {@code np.nan_to_num}).
   */
  static double[][] readVariates(Path csv, int maxRows) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int columns = lines.get(0).split(",", -1).length - 1;
    List<double[]> rows = new ArrayList<>();
    for (int ln = 1; ln < lines.size() && rows.size() < maxRows; ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      assertThat(cells).as("line %d of %s", ln + 1, csv).hasSize(columns + 1);
      double[] row = new double[columns];
      for (int c = 0; c < columns; c++) {
        String cell = cells[c + 1].strip();
        double v = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        row[c] = Double.isNaN(v) ? 0.0 : v;
      }
      rows.add(row);
    }
    assertThat(rows).as("rows read from %s", csv).hasSize(maxRows);
    double[][] variates = new double[columns][maxRows];
    for (int t = 0; t < maxRows; t++) {
      for (int c = 0; c < columns; c++) {
        variates[c][t] = rows.get(t)[c];
      }
    }
    return variates;
  }

  /** Gaussian noise with the given offset and scale. */
  static double[] noise(long seed, int n, double offset, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = offset + scale * gaussian(r);
    }
    return x;
  }

  /** Random walk plus a period-24 sine, starting at {@code offset}. */
  static double[] walkWithSine(long seed, int n, double offset, double step, double amplitude) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double level = offset;
    for (int t = 0; t < n; t++) {
      level += step * gaussian(r);
      x[t] = level + amplitude * Math.sin(2 * Math.PI * t / 24.0);
    }
    return x;
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  static double maxAbs(double[][] a) {
    double m = 0;
    for (double[] row : a) {
      for (double v : row) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  static double maxAbsDiff(double[][] a, double[][] b) {
    assertThat(a.length).isEqualTo(b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i].length).isEqualTo(b[i].length);
      for (int k = 0; k < a[i].length; k++) {
        m = Math.max(m, Math.abs(a[i][k] - b[i][k]));
      }
    }
    return m;
  }

  /**
   * Groups eigenvalue indices into clusters: consecutive (descending) eigenvalues whose gap is at
   * most {@code relGap · max|λ|} belong to the same cluster. Returns cluster start indices plus a
   * final {@code L}.
   */
  static int[] clusterBounds(double[] eig, double relGap) {
    double scale = 0;
    for (double v : eig) {
      scale = Math.max(scale, Math.abs(v));
    }
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    for (int k = 1; k < eig.length; k++) {
      if (eig[k - 1] - eig[k] > relGap * scale) {
        bounds.add(k);
      }
    }
    bounds.add(eig.length);
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Compares two bases: rows in singleton clusters up to sign; clusters of several rows by their
   * projector {@code Σ q_k q_kᵀ}. Returns {@code [max row error, max projector error, number of
   * multi-row clusters]}.
   */
  static double[] compareBases(double[][] ours, double[][] ref, double[] eig, double relGap) {
    int n = ours.length;
    int[] bounds = clusterBounds(eig, relGap);
    double rowErr = 0;
    double projErr = 0;
    int multi = 0;
    for (int c = 0; c + 1 < bounds.length; c++) {
      int from = bounds[c];
      int to = bounds[c + 1];
      if (to - from == 1) {
        double plus = 0;
        double minus = 0;
        for (int i = 0; i < n; i++) {
          plus = Math.max(plus, Math.abs(ours[from][i] - ref[from][i]));
          minus = Math.max(minus, Math.abs(ours[from][i] + ref[from][i]));
        }
        rowErr = Math.max(rowErr, Math.min(plus, minus));
      } else {
        multi++;
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < n; k++) {
            double a = 0;
            double b = 0;
            for (int r = from; r < to; r++) {
              a += ours[r][i] * ours[r][k];
              b += ref[r][i] * ref[r][k];
            }
            projErr = Math.max(projErr, Math.abs(a - b));
          }
        }
      }
    }
    return new double[] {rowErr, projErr, multi};
  }
}
