package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fast path of long windows (first lag row by FFT) against the direct
 * computation: the FFT-based lag covariance equals the direct sliding sums and the naive {@code np.cov}
 * oracle to 1e-12 of the matrix's largest entry.
 */
class OrthoTransFftTest {

  @ParameterizedTest(name = "{0}: n={1} L={2} offset={3} scale={4}")
  @CsvSource({
    "noise,        1000,  256,  0,      1",
    "noise,        1025,  300,  0,      3",
    "large offset, 2048,  256,  1000,   1",
    "walk+sine,    3000,  720,  1000,   1",
    "walk+sine,    4097,  720,  -50,    0.2",
    "tiny spread,  1500,  512,  1,      0.003",
    "minimal M=2,  257,   256,  10,     1",
  })
  void fftLagRowEqualsTheDirectSums(String kind, int n, int length, double offset, double scale) {
    long seed = 31L * n + length;
    double[] x = kind.startsWith("walk")
        ? OrthoTransTestData.walkWithSine(seed, n, offset, scale, 5 * scale)
        : OrthoTransTestData.noise(seed, n, offset, scale);
    double[] viaFft = new double[length * length];
    double[] direct = new double[length * length];
    OrthoTransOps.slidingCovariance(x, length, viaFft, true);
    OrthoTransOps.slidingCovariance(x, length, direct, false);
    double[][] fft = OrthoTransOps.toRows(viaFft, length);
    double[][] sums = OrthoTransOps.toRows(direct, length);
    double magnitude = OrthoTransTestData.maxAbs(sums);
    assertThat(magnitude).isPositive();
    assertThat(OrthoTransTestData.maxAbsDiff(fft, sums) / magnitude).isLessThan(1e-12);
    if ((long) length * length * n < 300_000_000L) { // the O(L²·M) oracle only where it is quick
      double[][] naive = NaiveLagCovariance.covariance(x, length);
      assertThat(OrthoTransTestData.maxAbsDiff(fft, naive) / magnitude).isLessThan(1e-10);
    }
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < length; k++) {
        assertThat(fft[i][k]).isEqualTo(fft[k][i]);
      }
    }
  }

  @Test
  void productionPathUsesTheFftFromTheThresholdOn() {
    double[] x = OrthoTransTestData.walkWithSine(5, 1200, 100, 1, 4);
    int length = OrthoTransOps.LARGE_LENGTH;
    double[] viaFft = new double[length * length];
    double[] direct = new double[length * length];
    OrthoTransOps.slidingCovariance(x, length, viaFft, true);
    OrthoTransOps.slidingCovariance(x, length - 1, new double[(length - 1) * (length - 1)], false);
    double[][] production = OrthoTransOps.lagCovariance(x, length);
    assertThat(OrthoTransOps.toRows(viaFft, length)).isDeepEqualTo(production);
    OrthoTransOps.slidingCovariance(x, length, direct, false);
    assertThat(direct).isNotEqualTo(viaFft); // the two paths round differently, so the check above is not vacuous
  }

  @Test
  void longWindowBasisIsOrthonormalWithTheOraclesEigenvalues() {
    double[][] variates = new double[3][];
    for (int j = 0; j < variates.length; j++) {
      variates[j] = OrthoTransTestData.walkWithSine(70 + j, 1500, 10 * j, 1, 4);
    }
    int length = 300;
    OrthoBasis many = OrthoBasis.fit(variates, length);
    assertThat(many.maxOrthogonalityError()).isLessThan(1e-12);
    OrthoBasis naive = OrthoTransOps.decompose(
        OrthoTransOps.lagCorrelation(variates, length, NaiveLagCovariance::covariance));
    double[] a = many.eigenvalues();
    double[] b = naive.eigenvalues();
    for (int k = 0; k < length; k++) {
      assertThat(Math.abs(a[k] - b[k])).isLessThan(1e-9 * Math.max(1, Math.abs(b[0])));
    }
  }
}
