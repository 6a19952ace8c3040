package io.forecast.forecasting;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One forecast on the original scale: the point forecast and, where a model provides them,
 * quantile forecasts (the base for prediction intervals). Immutable.
 *
 * @param predLen rows forecast
 * @param columns value columns, in order
 * @param values point forecast, {@code predLen × columns} row-major
 * @param quantiles quantile level (in (0, 1)) → values of the same layout; empty for point models
 */
public record Forecast(int predLen, List<String> columns, double[] values, Map<Double, double[]> quantiles) {
  public Forecast {
    columns = List.copyOf(columns);
    Objects.requireNonNull(values, "values");
    if (values.length != (long) predLen * columns.size()) {
      throw new IllegalArgumentException("a forecast of " + predLen + " rows × " + columns.size() + " columns needs "
          + ((long) predLen * columns.size()) + " values, got " + values.length);
    }
    TreeMap<Double, double[]> q = new TreeMap<>();
    if (quantiles != null) {
      quantiles.forEach((level, v) -> {
        if (!(level > 0 && level < 1) || v.length != values.length) {
          throw new IllegalArgumentException("quantile " + level + " must be in (0, 1) with " + values.length + " values");
        }
        q.put(level, v.clone());
      });
    }
    quantiles = Collections.unmodifiableMap(q);
  }

  /** A point forecast without quantiles. */
  public static Forecast point(int predLen, List<String> columns, double[] values) {
    return new Forecast(predLen, columns, values, Map.of());
  }

  /** The point forecast of one column, one value per row. */
  public double[] column(int c) {
    int n = columns.size();
    double[] out = new double[predLen];
    for (int r = 0; r < predLen; r++) {
      out[r] = values[r * n + c];
    }
    return out;
  }
}
