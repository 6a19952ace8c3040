package io.forecast.forecasting.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixCsvTest {
  @TempDir Path tmp;

  @Test
  void roundTripIsExact() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    double[][] m = new double[9][4];
    for (double[] row : m) {
      for (int k = 0; k < row.length; k++) {
        row[k] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-20, 20));
      }
    }
    Path f = tmp.resolve("m.csv");
    MatrixCsv.write(f, m);
    assertThat(MatrixCsv.read(f)).isDeepEqualTo(m);
    double[] v = {1.5, -2e-300, 0.1};
    MatrixCsv.writeVector(f, v);
    assertThat(MatrixCsv.readVector(f)).containsExactly(v);
  }

  @Test
  void readsCrlfNumpyFormatAndReportsBadCells() throws IOException {
    Path f = tmp.resolve("n.csv");
    Files.writeString(f, "0.13790621652559437, 1e-05\r\n-2.5,3\r\n\r\n", StandardCharsets.UTF_8);
    assertThat(MatrixCsv.read(f)).isDeepEqualTo(new double[][] {{0.13790621652559437, 1e-05}, {-2.5, 3}});
    Files.writeString(f, "1,2\n3,x\n");
    assertThatThrownBy(() -> MatrixCsv.read(f))
        .isInstanceOf(MatrixFormatException.class)
        .hasMessageContaining("line 2, column 2: 'x' is not a number");
    Files.writeString(f, "1,2\n3\n");
    assertThatThrownBy(() -> MatrixCsv.read(f))
        .isInstanceOf(MatrixFormatException.class)
        .hasMessageContaining("line 2 has 1 values, earlier rows have 2");
    Files.writeString(f, "1,2\n3,4\n");
    assertThatThrownBy(() -> MatrixCsv.readVector(f))
        .isInstanceOf(MatrixFormatException.class)
        .hasMessageContaining("expected a vector");
  }
}
