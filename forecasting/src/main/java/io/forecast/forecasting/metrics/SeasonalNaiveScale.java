package io.forecast.forecasting.metrics;

import io.forecast.data.TimeSeriesFrame;
import java.util.Arrays;
import java.util.Objects;

/**
 * The MASE scale of each variate (Hyndman &amp; Koehler 2006): the in-sample mean absolute error of
 * the seasonal-naive forecast over the training rows, {@code scale = (1/(T − m)) Σ_{t=m+1..T} |y_t −
 * y_{t−m}|}, for seasonal period m ({@code m = 1}: the naive forecast).
 *
 * <p>Computed in one streaming pass ({@link Builder}) that keeps the last m rows, {@code m × columns}
 * doubles, whatever the number of training rows. Give it the training rows in <em>original</em>
 * units: {@link PointMetricsAccumulator} divides the scale by the scaler's standard deviation for the
 * z-scored figures (MASE is the same on both scales). A scale of 0 (a training series that repeats
 * itself exactly every m rows) is kept; MASE is then absent for that variate. Immutable.
 */
public final class SeasonalNaiveScale {
  private final int period;
  private final long trainingRows;
  private final double[] scales;

  private SeasonalNaiveScale(int period, long trainingRows, double[] scales) {
    this.period = period;
    this.trainingRows = trainingRows;
    this.scales = scales;
  }

  /** A streaming builder for {@code columns} variates and seasonal period {@code period}. */
  public static Builder builder(int columns, int period) {
    return new Builder(columns, period);
  }

  /**
   * The scale of each training column.
   *
   * @param columns one array per variate, all of the same length T &gt; period
   */
  public static SeasonalNaiveScale of(double[][] columns, int period) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length == 0) {
      throw new IllegalArgumentException("no columns");
    }
    int rows = columns[0].length;
    for (int c = 1; c < columns.length; c++) {
      if (columns[c].length != rows) {
        throw new IllegalArgumentException(
            "column " + c + " has " + columns[c].length + " rows, column 0 has " + rows);
      }
    }
    Builder b = builder(columns.length, period);
    double[] row = new double[columns.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns.length; c++) {
        row[c] = columns[c][r];
      }
      b.addRow(row);
    }
    return b.build();
  }

  /** The scale over rows {@code [fromRow, toRow)} of a frame (its training split), every value column. */
  public static SeasonalNaiveScale of(TimeSeriesFrame frame, int fromRow, int toRow, int period) {
    Objects.requireNonNull(frame, "frame");
    Objects.checkFromToIndex(fromRow, toRow, frame.rows());
    int n = frame.columnCount();
    Builder b = builder(n, period);
    double[] row = new double[n];
    for (int r = fromRow; r < toRow; r++) {
      for (int c = 0; c < n; c++) {
        row[c] = frame.value(r, c);
      }
      b.addRow(row);
    }
    return b.build();
  }

  public int period() {
    return period;
  }

  /** Number of training rows T the scale was computed from. */
  public long trainingRows() {
    return trainingRows;
  }

  public int columns() {
    return scales.length;
  }

  /** The scale of column c (≥ 0). */
  public double scale(int column) {
    return scales[Objects.checkIndex(column, scales.length)];
  }

  /** The scales, one per column (a copy). */
  public double[] scales() {
    return scales.clone();
  }

  @Override
  public String toString() {
    return "SeasonalNaiveScale[period=" + period + ", trainingRows=" + trainingRows + ", scales="
        + Arrays.toString(scales) + "]";
  }

  /** Streams training rows in order; holds the last {@code period} rows. Not thread-safe. */
  public static final class Builder {
    private final int columns;
    private final int period;
    private final double[] ring;
    private final double[] sumAbs;
    private long rows;

    private Builder(int columns, int period) {
      if (columns < 1) {
        throw new IllegalArgumentException("columns must be positive, got " + columns);
      }
      if (period < 1) {
        throw new IllegalArgumentException("seasonal period must be positive, got " + period);
      }
      this.columns = columns;
      this.period = period;
      this.ring = new double[Math.multiplyExact(columns, period)];
      this.sumAbs = new double[columns];
    }

    /**
     * Adds the next training row.
     *
     * @throws IllegalArgumentException if the row length differs from the column count or a value is
     *     not finite
     */
    public Builder addRow(double[] row) {
      Objects.requireNonNull(row, "row");
      if (row.length != columns) {
        throw new IllegalArgumentException("row has " + row.length + " values, expected " + columns + " columns");
      }
      for (int c = 0; c < columns; c++) {
        if (!Double.isFinite(row[c])) {
          throw new IllegalArgumentException("training row " + rows + ", column " + c + " is not finite: " + row[c]);
        }
      }
      int slot = (int) (rows % period) * columns;
      for (int c = 0; c < columns; c++) {
        if (rows >= period) {
          sumAbs[c] += Math.abs(row[c] - ring[slot + c]);
        }
        ring[slot + c] = row[c];
      }
      rows++;
      return this;
    }

    /** Adds whole rows of a row-major array ({@code length} a multiple of the column count). */
    public Builder addRows(double[] rowMajor) {
      Objects.requireNonNull(rowMajor, "rowMajor");
      if (rowMajor.length % columns != 0) {
        throw new IllegalArgumentException(
            "array length " + rowMajor.length + " is not a multiple of " + columns + " columns");
      }
      double[] row = new double[columns];
      for (int off = 0; off < rowMajor.length; off += columns) {
        System.arraycopy(rowMajor, off, row, 0, columns);
        addRow(row);
      }
      return this;
    }

    /**
     * The scales of the rows added so far.
     *
     * @throws IllegalArgumentException if there are not more than {@code period} rows
     */
    public SeasonalNaiveScale build() {
      if (rows <= period) {
        throw new IllegalArgumentException(
            "the seasonal-naive scale needs more than period " + period + " training rows, got " + rows);
      }
      double[] scales = new double[columns];
      for (int c = 0; c < columns; c++) {
        scales[c] = sumAbs[c] / (rows - period);
      }
      return new SeasonalNaiveScale(period, rows, scales);
    }
  }
}
