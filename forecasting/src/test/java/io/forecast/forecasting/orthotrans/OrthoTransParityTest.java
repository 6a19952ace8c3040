package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.forecasting.io.MatrixCsv;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity with the reference matrices computed independently with NumPy (float64) in {@code
 * ${forecast.shared.dir}/fixtures/orthotrans} (see its README).
 *
 * <p>Eigenvector tolerance: rows are compared individually (up to sign) when the eigenvalue's gap
 * to both neighbours exceeds {@value #REL_GAP} × λ<sub>max</sub>. An eigenvector's rounding error
 * is about ‖ΔS‖ / gap with ‖ΔS‖ ≈ 1e-14 here, so this threshold keeps the expected error below
 * 1e-9; rows closer than that are grouped and their spanned subspace is compared through the
 * projector Σ q q<sup>T</sup> instead.
 */
class OrthoTransParityTest {
  static final double REL_GAP = 1e-4;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ili_L24_train, national_illness.csv, 24, 676",
    "ili_L36_train, national_illness.csv, 36, 676",
    "etth1_L96_train, ETTh1.csv, 96, 8640",
    "etth1_L96_ratio0.6, ETTh1.csv, 96, 10452",
  })
  void matchesNumpyReference(String name, String csv, int length, int rows) throws IOException {
    Path fixtures = OrthoTransTestData.sharedFile("fixtures/orthotrans");
    Path data = OrthoTransTestData.sharedFile("data/" + csv);
    double[][] variates = OrthoTransTestData.readVariates(data, rows);

    LagCorrelation corr = OrthoTransOps.lagCorrelation(variates, length);
    OrthoBasis basis = OrthoTransOps.decompose(corr);

    double[][] refSigma = MatrixCsv.read(fixtures.resolve(name + ".sigma.csv"));
    double[] refEig = MatrixCsv.readVector(fixtures.resolve(name + ".eig.csv"));
    double[][] refQ = MatrixCsv.read(fixtures.resolve(name + ".q.csv"));

    // S: entries are O(1) (unit diagonal), so an absolute tolerance is a relative one.
    assertThat(OrthoTransTestData.maxAbsDiff(corr.matrix(), refSigma)).isLessThan(1e-10);

    double[] eig = basis.eigenvalues();
    assertThat(eig).hasSize(length);
    double lambdaMax = eig[0];
    for (int k = 0; k < length; k++) {
      // 1e-9 relative, with an absolute floor of 1e-12 λmax for the tiny tail eigenvalues.
      assertThat(Math.abs(eig[k] - refEig[k]))
          .as("eigenvalue %d: %s vs %s", k, eig[k], refEig[k])
          .isLessThanOrEqualTo(1e-9 * Math.abs(refEig[k]) + 1e-12 * lambdaMax);
    }

    double[] cmp = OrthoTransTestData.compareBases(basis.q(), refQ, eig, REL_GAP);
    assertThat(cmp[0]).as("max row error (well-separated rows, up to sign)").isLessThan(1e-8);
    assertThat(cmp[1]).as("max projector error (near-degenerate clusters)").isLessThan(1e-8);

    // Our sign convention: every row's largest-magnitude entry is positive.
    double[][] q = basis.q();
    for (double[] row : q) {
      int arg = 0;
      for (int i = 1; i < row.length; i++) {
        if (Math.abs(row[i]) > Math.abs(row[arg])) {
          arg = i;
        }
      }
      assertThat(row[arg]).isPositive();
    }
    assertThat(basis.usedVariates()).hasSize(variates.length);
    assertThat(basis.skippedVariates()).isEmpty();
    assertThat(basis.trainingRows()).isEqualTo(rows);
  }

  @ParameterizedTest(name = "{0} L={1}")
  @CsvSource({"national_illness.csv, 24, 676", "national_illness.csv, 36, 676", "ETTh1.csv, 96, 8640"})
  void basisIsOrthonormalAndSpectrumIsConsistent(String csv, int length, int rows) throws IOException {
    double[][] variates = OrthoTransTestData.readVariates(OrthoTransTestData.sharedFile("data/" + csv), rows);
    LagCorrelation corr = OrthoTransOps.lagCorrelation(variates, length);
    OrthoBasis basis = OrthoTransOps.decompose(corr);

    assertThat(basis.maxOrthogonalityError()).isLessThan(1e-12);
    double[] eig = basis.eigenvalues();
    double sum = 0;
    for (int k = 0; k < eig.length; k++) {
      if (k > 0) {
        assertThat(eig[k]).isLessThanOrEqualTo(eig[k - 1]);
      }
      sum += eig[k];
    }
    assertThat(corr.trace()).isCloseTo(length, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(sum).isCloseTo(corr.trace(), org.assertj.core.api.Assertions.within(1e-10));
  }
}
