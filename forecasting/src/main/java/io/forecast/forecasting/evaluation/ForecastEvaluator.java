package io.forecast.forecasting.evaluation;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance.ColumnMetrics;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionMetrics;
import org.tribuo.regression.evaluation.RegressionSufficientStatistics;

/**
 * Scores predictions against the targets of a set of windows.
 *
 * <p>The overall MSE and MAE are the means over {@code [windows, predLen, columns]} in double
 * precision. Per column, every (window, step) pair becomes one Tribuo {@link Prediction} of a
 * one-dimensional {@link Regressor}, and Tribuo's {@link RegressionSufficientStatistics} and
 * {@link RegressionMetrics} give RMSE (squared to MSE), MAE and R². Since every column has the same
 * number of values, the overall figures equal the means of the per-column ones.
 */
public final class ForecastEvaluator {
  private ForecastEvaluator() {}

  /**
   * @param predictions {@code count × predLen × columns}, row-major, as the model predicted them
   * @param windows the windows the predictions are for (their targets are the truth)
   * @param columns column names, in order
   * @param perColumn whether to compute the per-column Tribuo metrics
   * @throws IllegalArgumentException on a length mismatch
   */
  public static Metrics evaluate(float[] predictions, SlidingWindows windows, List<String> columns, boolean perColumn) {
    int count = windows.count();
    int n = windows.columns();
    int tau = windows.predLen();
    int per = tau * n;
    if (columns.size() != n) {
      throw new IllegalArgumentException(columns.size() + " column names for " + n + " columns");
    }
    if (predictions.length != (long) count * per) {
      throw new IllegalArgumentException("expected " + (long) count * per + " predictions, got " + predictions.length);
    }
    double[] data = windows.data();
    double se = 0;
    double ae = 0;
    for (int w = 0; w < count; w++) {
      int t0 = windows.targetOffset(w);
      int p0 = w * per;
      for (int k = 0; k < per; k++) {
        double e = predictions[p0 + k] - data[t0 + k];
        se += e * e;
        ae += Math.abs(e);
      }
    }
    double total = (double) count * per;
    Map<String, ColumnMetrics> byColumn = new LinkedHashMap<>();
    if (perColumn && count > 0) {
      for (int c = 0; c < n; c++) {
        byColumn.put(columns.get(c), tribuo(predictions, windows, c, columns.get(c)));
      }
    }
    return new Metrics(se / total, ae / total, count, byColumn);
  }

  private static ColumnMetrics tribuo(float[] predictions, SlidingWindows windows, int column, String name) {
    int count = windows.count();
    int n = windows.columns();
    int tau = windows.predLen();
    double[] data = windows.data();
    List<Prediction<Regressor>> list = new ArrayList<>(count * tau);
    MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
    for (int w = 0; w < count; w++) {
      int t0 = windows.targetOffset(w);
      for (int t = 0; t < tau; t++) {
        Regressor truth = new Regressor(name, data[t0 + t * n + column]);
        info.observe(truth);
        Regressor predicted = new Regressor(name, predictions[(w * tau + t) * n + column]);
        list.add(new Prediction<>(predicted, 0, new ArrayExample<>(truth)));
      }
    }
    ImmutableOutputInfo<Regressor> domain = info.generateImmutableOutputInfo();
    RegressionSufficientStatistics stats = new RegressionSufficientStatistics(domain, list, false);
    Regressor dim = new Regressor(name, Double.NaN);
    double rmse = RegressionMetrics.rmse(dim, stats);
    return new ColumnMetrics(rmse * rmse, RegressionMetrics.mae(dim, stats), RegressionMetrics.r2(dim, stats));
  }
}
