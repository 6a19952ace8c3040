package io.forecast.forecasting.metrics;

/**
 * Stateless formulas of the point metrics, one value (or one set of sums) at a time. The
 * accumulators use these; they are public so that the conventions can be read, and checked, in one
 * place.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li><b>MAPE</b> = mean of {@code |ŷ − y| / |y|} over the values whose actual is not effectively
 *       zero. An actual with {@code |y| < }{@link #EPSILON} ({@value #EPSILON}, absolute) is
 *       <em>excluded</em> from MAPE (and counted as such in the results); when every actual is
 *       excluded, MAPE is absent ({@code null}), never NaN or infinity. MAPE is a fraction (0.05 is
 *       5 %), not a percentage. On the z-scored scale actuals cross zero, so MAPE and sMAPE there
 *       are reported for completeness but mean little; read them on the original scale.
 *   <li><b>sMAPE</b> = mean of {@code 2|ŷ − y| / (|ŷ| + |y|)}, a fraction in {@code [0, 2]}. A term
 *       whose denominator is below {@link #EPSILON} (prediction and actual both effectively zero) is
 *       {@code 0/0 := 0}: a perfect forecast of zero.
 *   <li><b>R²</b> = {@code 1 − SSE/SST}; absent ({@code null}) when {@code SST} is 0 (constant
 *       actuals), where the ratio is undefined.
 *   <li><b>RMSE</b> = {@code √MSE} of the same set of values (the overall RMSE is the root of the
 *       overall MSE, not a mean of per-column RMSEs).
 * </ul>
 */
public final class PointMetricOps {
  /**
   * Absolute threshold below which an actual counts as zero for MAPE, and a denominator
   * {@code |ŷ| + |y|} as zero for sMAPE.
   */
  public static final double EPSILON = 1e-12;

  private PointMetricOps() {}

  /** Whether an actual is excluded from MAPE ({@code |y| < EPSILON}). */
  public static boolean mapeExcludes(double actual) {
    return Math.abs(actual) < EPSILON;
  }

  /**
   * {@code |ŷ − y| / |y|}.
   *
   * @throws IllegalArgumentException if the actual is excluded from MAPE (see {@link #mapeExcludes})
   */
  public static double absolutePercentageError(double predicted, double actual) {
    if (mapeExcludes(actual)) {
      throw new IllegalArgumentException(
          "actual " + actual + " is below " + EPSILON + " in magnitude: excluded from MAPE");
    }
    return Math.abs(predicted - actual) / Math.abs(actual);
  }

  /** {@code 2|ŷ − y| / (|ŷ| + |y|)}, with {@code 0/0 := 0} when {@code |ŷ| + |y| < EPSILON}. */
  public static double symmetricAbsolutePercentageError(double predicted, double actual) {
    double denominator = Math.abs(predicted) + Math.abs(actual);
    if (denominator < EPSILON) {
      return 0;
    }
    return 2 * Math.abs(predicted - actual) / denominator;
  }

  /**
   * {@code 1 − sse/sst}, or {@code null} when {@code sst} is not positive (constant actuals).
   *
   * @throws IllegalArgumentException if {@code sse} is negative or either is not finite
   */
  public static Double rSquared(double sse, double sst) {
    if (!Double.isFinite(sse) || !Double.isFinite(sst) || sse < 0) {
      throw new IllegalArgumentException("sse must be finite and non-negative, sst finite: sse " + sse + ", sst " + sst);
    }
    return sst > 0 ? 1 - sse / sst : null;
  }

  /**
   * Total sum of squares {@code Σ(y − ȳ)²} from the sums of the shifted actuals {@code d = y − K}
   * (any constant K, e.g. the first actual, which avoids cancellation): {@code Σd² − (Σd)²/n},
   * rounding-negative results taken as 0.
   */
  public static double totalSumOfSquares(double sumShifted, double sumSquaresShifted, double count) {
    if (count <= 0) {
      return 0;
    }
    return Math.max(0, sumSquaresShifted - sumShifted * sumShifted / count);
  }

  /** The mean of the values with a defined metric, or {@code null} when there are none. */
  static Double meanOfPresent(Double[] values) {
    double sum = 0;
    int count = 0;
    for (Double v : values) {
      if (v != null) {
        sum += v;
        count++;
      }
    }
    return count > 0 ? sum / count : null;
  }
}
