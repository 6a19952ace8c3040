package io.forecast.forecasting.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-line definitions of the reported metrics, by name, in the form an evaluation report carries
 * them (so that a report read on its own says what its numbers mean).
 */
public final class MetricDefinitions {
  private MetricDefinitions() {}

  /**
   * The definitions of the point and interval metrics.
   *
   * @param masePeriod the seasonal period of the MASE scale, {@code null} when MASE was not computed
   * @return name → one-line definition, in a fixed order
   */
  public static Map<String, String> of(Integer masePeriod) {
    String m = masePeriod == null ? "m (none here: MASE absent)" : "m = " + masePeriod;
    Map<String, String> d = new LinkedHashMap<>();
    d.put("scales", "zScored: on the values standardised with the model's scaler (fitted on the training rows), "
        + "the published convention; original: y = z·std + mean per column");
    d.put("mse", "mean of (ŷ − y)² over the set (overall: every test window, horizon step and column)");
    d.put("mae", "mean of |ŷ − y| over the set");
    d.put("rmse", "√MSE of the same set (the overall RMSE is the root of the overall MSE)");
    d.put("mape", "mean of |ŷ − y|/|y| as a fraction (0.05 = 5 %); actuals with |y| < " + PointMetricOps.EPSILON
        + " are excluded and counted in mapeExcluded; null when every actual is excluded");
    d.put("smape", "mean of 2|ŷ − y|/(|ŷ| + |y|) as a fraction in [0, 2], with 0/0 := 0");
    d.put("mase", "MAE / in-sample seasonal-naive MAE of the training split, period " + m
        + " (Hyndman & Koehler 2006), per column; overall and per step = mean over variates; the same on both "
        + "scales; null when no period is known or a column's scale is 0");
    d.put("r2", "1 − SSE/SST per column; overall and per step = mean over variates; null when the actuals are "
        + "constant; the same on both scales");
    d.put("coverage", "share of actuals inside the split-conformal interval ŷ ± q (q calibrated on the validation "
        + "split per step and column), ends inclusive; compare with the nominal level");
    d.put("meanWidth", "mean of upper − lower (= 2q)");
    d.put("intervalScore", "mean Winkler interval score (u − l) + (2/α)(l − y)⁺ + (2/α)(y − u)⁺ with α = 1 − level "
        + "(Gneiting & Raftery 2007); lower is better");
    return Collections.unmodifiableMap(d);
  }
}
