package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sliding-sum lag covariance against the naive {@code np.cov}-style oracle. */
class OrthoTransCovarianceTest {

  @ParameterizedTest(name = "{0}: n={1} L={2} offset={3} scale={4}")
  @CsvSource({
    "noise,        50,    2,    0,      1",
    "noise,        300,   24,   0,      1",
    "noise,        1000,  96,   0,      3",
    "large offset, 2000,  96,   1000,   1",
    "large offset, 500,   48,   1e6,    0.5",
    "tiny spread,  1500,  64,   1,      0.003",
    "walk+sine,    3000,  96,   1000,   1",
    "walk+sine,    700,   200,  -50,    0.2",
    "minimal M=2,  25,    24,   10,     1",
  })
  void slidingEqualsNaive(String kind, int n, int length, double offset, double scale) {
    long seed = 17L * n + length;
    double[] x = kind.startsWith("walk")
        ? OrthoTransTestData.walkWithSine(seed, n, offset, scale, 5 * scale)
        : OrthoTransTestData.noise(seed, n, offset, scale);
    double[][] naive = NaiveLagCovariance.covariance(x, length);
    double[][] sliding = OrthoTransOps.lagCovariance(x, length);
    double magnitude = OrthoTransTestData.maxAbs(naive);
    assertThat(magnitude).isPositive();
    assertThat(OrthoTransTestData.maxAbsDiff(sliding, naive) / magnitude).isLessThan(1e-10);
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < length; k++) {
        assertThat(sliding[i][k]).isEqualTo(sliding[k][i]);
      }
    }
  }

  @Test
  void correlationMatchesNaiveKernelAndIsSymmetricWithUnitDiagonal() {
    double[][] variates = new double[5][];
    for (int j = 0; j < variates.length; j++) {
      variates[j] = OrthoTransTestData.walkWithSine(100 + j, 1200, 1000 * j, 0.5 + j, 3);
    }
    LagCorrelation fast = OrthoTransOps.lagCorrelation(variates, 72);
    LagCorrelation slow = OrthoTransOps.lagCorrelation(variates, 72, NaiveLagCovariance::covariance);
    assertThat(OrthoTransTestData.maxAbsDiff(fast.matrix(), slow.matrix())).isLessThan(1e-10);
    double[][] s = fast.matrix();
    for (int i = 0; i < s.length; i++) {
      assertThat(s[i][i]).isEqualTo(1.0);
      for (int k = 0; k < i; k++) {
        assertThat(s[i][k]).isEqualTo(s[k][i]);
      }
    }
  }

  @Test
  void columnNormalisationUsesTheLowerTriangle() {
    // S[i][k] (i > k) must be C[i][k] / C[k][k]: the column of the smaller lag index.
    double[] x = OrthoTransTestData.walkWithSine(7, 400, 0, 1, 2);
    int length = 12;
    double[][] c = NaiveLagCovariance.covariance(x, length);
    double[][] s = OrthoTransOps.lagCorrelation(new double[][] {x}, length).matrix();
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < i; k++) {
        double expected = c[i][k] / c[k][k];
        assertThat(Math.abs(s[i][k] - expected)).isLessThan(1e-12);
        assertThat(Math.abs(s[k][i] - expected)).isLessThan(1e-12);
      }
    }
  }

  @Test
  void resultDoesNotDependOnTheThreadCount() throws Exception {
    double[][] variates = new double[23][];
    for (int j = 0; j < variates.length; j++) {
      variates[j] = OrthoTransTestData.walkWithSine(300 + j, 900, 10 * j, 1, 4);
    }
    OrthoBasis common = OrthoBasis.fit(variates, 48);
    OrthoBasis single = new ForkJoinPool(1).submit(() -> OrthoBasis.fit(variates, 48)).get();
    OrthoBasis four = new ForkJoinPool(4).submit(() -> OrthoBasis.fit(variates, 48)).get();
    assertThat(single.toDoubleRowMajor()).isEqualTo(common.toDoubleRowMajor());
    assertThat(four.toDoubleRowMajor()).isEqualTo(common.toDoubleRowMajor());
    assertThat(four.eigenvalues()).isEqualTo(common.eigenvalues());
  }

  @Test
  void basisOfSyntheticDataIsOrthonormalAndTransformRoundTrips() {
    double[][] variates = new double[4][];
    for (int j = 0; j < variates.length; j++) {
      variates[j] = OrthoTransTestData.walkWithSine(900 + j, 2000, 0, 1, 6);
    }
    OrthoBasis basis = OrthoBasis.fit(variates, 96);
    assertThat(basis.maxOrthogonalityError()).isLessThan(1e-12);
    double[] x = OrthoTransTestData.noise(5, 96, 2, 1);
    double[] back = basis.inverse(basis.transform(x));
    for (int i = 0; i < x.length; i++) {
      assertThat(Math.abs(back[i] - x[i])).isLessThan(1e-12);
    }
    float[] f = basis.toFloatRowMajor();
    assertThat(f).hasSize(96 * 96);
    assertThat(f[96 + 3]).isEqualTo((float) basis.q()[1][3]);
  }
}
