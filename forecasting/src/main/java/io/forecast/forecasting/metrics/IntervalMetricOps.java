package io.forecast.forecasting.metrics;

/**
 * Stateless formulas of the interval and quantile metrics.
 *
 * <ul>
 *   <li><b>Interval score</b> (Winkler score; Gneiting &amp; Raftery 2007, §6.2) of a central
 *       {@code (1 − α)} interval {@code [l, u]}: {@code IS_α = (u − l) + (2/α)(l − y)·1{y < l} +
 *       (2/α)(y − u)·1{y > u}}; lower is better.
 *   <li><b>Coverage</b>: {@code l ≤ y ≤ u} (both ends inclusive).
 *   <li><b>Pinball (quantile) loss</b> at level τ: {@code ρ_τ(y, q) = τ(y − q)} if {@code y ≥ q},
 *       else {@code (1 − τ)(q − y)}.
 *   <li><b>CRPS from quantiles</b>: {@code CRPS ≈ (2/K) Σ_k ρ_τk(y, q_k)}. The CRPS equals
 *       {@code 2∫₀¹ ρ_τ(y, F⁻¹(τ)) dτ}; the sum is that integral's rectangle rule, a good
 *       approximation when the K levels are equally spaced over (0, 1), e.g. {@code τ_k = k/(K+1)}
 *       or {@code 0.05, 0.15, …, 0.95}, and it converges to the CRPS as K grows. For other level
 *       sets it is twice the mean quantile loss, still a proper score but not the CRPS.
 * </ul>
 */
public final class IntervalMetricOps {
  private IntervalMetricOps() {}

  /**
   * The interval score {@code IS_α} of {@code [lower, upper]} for actual y.
   *
   * @param alpha miss rate, in (0, 1): 0.2 for an 80 % interval
   * @throws IllegalArgumentException if alpha is outside (0, 1) or lower &gt; upper
   */
  public static double intervalScore(double lower, double upper, double actual, double alpha) {
    checkAlpha(alpha);
    if (lower > upper) {
      throw new IllegalArgumentException("interval lower bound " + lower + " is above its upper bound " + upper);
    }
    double score = upper - lower;
    if (actual < lower) {
      score += 2 / alpha * (lower - actual);
    } else if (actual > upper) {
      score += 2 / alpha * (actual - upper);
    }
    return score;
  }

  /** Whether {@code lower ≤ actual ≤ upper}. */
  public static boolean covers(double lower, double upper, double actual) {
    return lower <= actual && actual <= upper;
  }

  /**
   * The pinball loss {@code ρ_τ(y, q)}.
   *
   * @throws IllegalArgumentException if tau is outside (0, 1)
   */
  public static double pinball(double actual, double quantile, double tau) {
    if (!(tau > 0 && tau < 1)) {
      throw new IllegalArgumentException("quantile level must be in (0, 1), got " + tau);
    }
    double d = actual - quantile;
    return d >= 0 ? tau * d : (tau - 1) * d;
  }

  /**
   * {@code (2/K) Σ_k ρ_τk(y, q_k)}, the CRPS approximation from K quantiles.
   *
   * @throws IllegalArgumentException if the arrays are empty or differ in length, or a level is
   *     outside (0, 1)
   */
  public static double crpsFromQuantiles(double actual, double[] quantiles, double[] taus) {
    if (quantiles.length != taus.length || taus.length == 0) {
      throw new IllegalArgumentException(
          quantiles.length + " quantiles for " + taus.length + " levels (need the same, non-zero number)");
    }
    double sum = 0;
    for (int k = 0; k < taus.length; k++) {
      sum += pinball(actual, quantiles[k], taus[k]);
    }
    return 2 * sum / taus.length;
  }

  static void checkAlpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha (miss rate) must be in (0, 1), got " + alpha);
    }
  }
}
