package io.forecast.forecasting.orthotrans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad input is rejected with messages that name the problem; near-constant variates are skipped. */
class OrthoTransValidationTest {
  private static double[] series(long seed, int n) {
    return OrthoTransTestData.walkWithSine(seed, n, 0, 1, 2);
  }

  @Test
  void nearConstantVariateIsSkippedAndReported() {
    double[] flat = OrthoTransTestData.noise(3, 500, 42, 1e-3); // variance 1e-6 < 1e-4
    double[][] variates = {series(1, 500), flat, series(2, 500)};
    OrthoBasis basis = OrthoBasis.fit(variates, 24);
    assertThat(basis.usedVariates()).containsExactly(0, 2);
    assertThat(basis.skippedVariates()).containsExactly(1);
    OrthoBasis without = OrthoBasis.fit(new double[][] {variates[0], variates[2]}, 24);
    assertThat(basis.toDoubleRowMajor()).isEqualTo(without.toDoubleRowMajor());
  }

  @Test
  void allVariatesSkippedIsAnError() {
    double[][] variates = {new double[100], OrthoTransTestData.noise(4, 100, 7, 1e-3)};
    assertThatThrownBy(() -> OrthoBasis.fit(variates, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all 2 variates have a lag variance < 1.0E-4")
        .hasMessageContaining("variate 0: 0.0");
  }

  @Test
  void windowLengthBelowTwoIsAnError() {
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {series(1, 50)}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window length L must be at least 2, got 1");
  }

  @Test
  void windowLengthTooLargeForTheTrainingRowsIsAnError() {
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {series(1, 96)}, 96))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window length L = 96 needs at least L + 1 = 97 training rows")
        .hasMessageContaining("got 96");
    double[] minimal = OrthoTransTestData.noise(1, 97, 0, 10); // M = 2 windows
    assertThat(OrthoBasis.fit(new double[][] {minimal}, 96).length()).isEqualTo(96);
  }

  @Test
  void nanAndInfinityAreErrorsNamingVariateAndRow() {
    double[] bad = series(1, 200);
    bad[123] = Double.NaN;
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {series(2, 200), bad}, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variate 1, row 123: value NaN is not finite");
    bad[123] = Double.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {bad}, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variate 0, row 123: value -Infinity is not finite");
  }

  @Test
  void noVariatesAndRaggedInputAreErrors() {
    assertThatThrownBy(() -> OrthoBasis.fit(new double[0][], 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no variates");
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {series(1, 200), series(2, 199)}, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragged input: variate 1 has 199 training rows but variate 0 has 200");
    assertThatThrownBy(() -> OrthoBasis.fit(new double[][] {series(1, 200), null}, 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variate 1 is null");
  }

  @Test
  void suppliedMatrixIsValidated() {
    assertThatThrownBy(() -> OrthoBasis.of(new double[][] {{1, 0}, {0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("square: row 1 has 1 entries, expected 2");
    assertThatThrownBy(() -> OrthoBasis.of(new double[][] {{1, 0}, {0, Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry (1, 1) is not finite");
    assertThatThrownBy(() -> OrthoBasis.of(new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    OrthoBasis identity = OrthoBasis.of(new double[][] {{1, 0}, {0, 1}});
    assertThat(identity.isFitted()).isFalse();
    assertThat(identity.eigenvalues()).containsOnly(Double.NaN);
    assertThat(identity.maxOrthogonalityError()).isZero();
    assertThat(identity.trainingRows()).isZero();
  }

  @Test
  void valuesWhoseProductsOverflowAreRefused() {
    double[] x = new double[40];
    for (int t = 0; t < x.length; t++) {
      x[t] = Math.sin(t);
    }
    x[7] = -1e308;
    assertThatThrownBy(() -> OrthoTransOps.fit(new double[][] {x}, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("variate 0, row 7: value -1.0E308 is too large for the lag covariance");
  }
}
