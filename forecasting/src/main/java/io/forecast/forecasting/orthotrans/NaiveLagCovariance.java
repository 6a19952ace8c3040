package io.forecast.forecasting.orthotrans;

/**
 * The straightforward {@code O(L²·M)} lag covariance, exactly as {@code np.cov} computes it: each
 * lag row {@code x[i .. i+M)} centred by its own mean, then dot products divided by {@code M - 1}.
 * Oracle for the tests and the slow side of {@link OrthoTransBenchmark}; not used by the builder.
 * The lag matrix is never materialised (rows are read in place from the series).
 */
final class NaiveLagCovariance {
  private NaiveLagCovariance() {}

  /** Writes the full symmetric {@code L × L} covariance of {@code x} into {@code out}. */
  static void covariance(double[] x, int length, double[] out) {
    int m = x.length - length + 1;
    double[] mean = new double[length];
    for (int i = 0; i < length; i++) {
      double s = 0;
      for (int t = 0; t < m; t++) {
        s += x[i + t];
      }
      mean[i] = s / m;
    }
    for (int i = 0; i < length; i++) {
      for (int k = 0; k <= i; k++) {
        double s = 0;
        double mi = mean[i];
        double mk = mean[k];
        for (int t = 0; t < m; t++) {
          s += (x[i + t] - mi) * (x[k + t] - mk);
        }
        double c = s / (m - 1.0);
        out[i * length + k] = c;
        out[k * length + i] = c;
      }
    }
  }

  /** Convenience form returning a new {@code L × L} array. */
  static double[][] covariance(double[] x, int length) {
    double[] out = new double[length * length];
    covariance(x, length, out);
    return OrthoTransOps.toRows(out, length);
  }
}
