package io.forecast.forecasting.service;

import io.forecast.data.TimeSeriesFrame;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recent history a forecast starts from: equally long value columns by name, and optionally the
 * rows' timestamps (needed to continue them in the answer). Missing values are NaN; the service
 * rejects them naming column and row. Immutable (the arrays are not copied: do not change them).
 *
 * @param timestamps one timestamp per row in the model's timestamp layout, or {@code null}
 * @param columns value columns in any order; names must equal the model's columns
 */
public record History(List<String> timestamps, Map<String, double[]> columns) {
  public History {
    Objects.requireNonNull(columns, "columns");
    timestamps = timestamps == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(timestamps));
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /**
   * A history from boxed values, as JSON gives them: a {@code null} cell becomes NaN (and is then
   * rejected with its column and row); a {@code null} column becomes an empty one.
   */
  public static History ofBoxed(List<String> timestamps, Map<String, ? extends List<? extends Number>> columns) {
    Map<String, double[]> out = new LinkedHashMap<>();
    columns.forEach((name, values) -> {
      double[] v = new double[values == null ? 0 : values.size()];
      for (int i = 0; i < v.length; i++) {
        Number x = values.get(i);
        v[i] = x == null ? Double.NaN : x.doubleValue();
      }
      out.put(name, v);
    });
    return new History(timestamps, out);
  }

  /** The last {@code maxRows} rows (all if fewer) of a loaded CSV file. */
  public static History ofFrame(TimeSeriesFrame frame, int maxRows) {
    int to = frame.rows();
    int from = Math.max(0, to - maxRows);
    List<String> ts = new java.util.ArrayList<>(to - from);
    for (int r = from; r < to; r++) {
      ts.add(frame.formatTimestamp(r));
    }
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < frame.columnCount(); c++) {
      cols.put(frame.columnNames().get(c), frame.column(c, from, to));
    }
    return new History(ts, cols);
  }
}
