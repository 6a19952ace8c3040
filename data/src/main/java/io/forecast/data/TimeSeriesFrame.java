package io.forecast.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A loaded multivariate time series: strictly non-decreasing timestamps and a row-major
 * {@code rows × columns} block of values, one column per variate, with one column marked as the
 * target. Immutable: accessors return copies.
 */
public final class TimeSeriesFrame {
  private final String source;
  private final String timestampColumn;
  private final List<String> columns;
  private final int targetIndex;
  private final TimestampFormat timestampFormat;
  private final long[] timestamps;
  private final double[] values;
  private final DataQualityReport quality;

  /**
   * @param source the file name the series came from (used in messages and split rules)
   * @param timestampColumn the timestamp column's header name
   * @param columns value column names, in file order
   * @param targetIndex index of the target in {@code columns}
   * @param timestampFormat layout the timestamps were read with
   * @param timestamps epoch seconds per row (UTC wall clock), non-decreasing
   * @param values row-major values, {@code timestamps.length * columns.size()} long (taken, not copied)
   * @param quality what the loader found
   */
  public TimeSeriesFrame(String source, String timestampColumn, List<String> columns, int targetIndex,
      TimestampFormat timestampFormat, long[] timestamps, double[] values, DataQualityReport quality) {
    this.source = Objects.requireNonNull(source, "source");
    this.timestampColumn = Objects.requireNonNull(timestampColumn, "timestampColumn");
    this.columns = List.copyOf(columns);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("a frame needs at least one value column");
    }
    if (targetIndex < 0 || targetIndex >= this.columns.size()) {
      throw new IllegalArgumentException("target index " + targetIndex + " outside " + this.columns.size() + " columns");
    }
    if ((long) timestamps.length * this.columns.size() != values.length) {
      throw new IllegalArgumentException("values length " + values.length + " is not rows " + timestamps.length
          + " × columns " + this.columns.size());
    }
    this.targetIndex = targetIndex;
    this.timestampFormat = Objects.requireNonNull(timestampFormat, "timestampFormat");
    this.timestamps = timestamps;
    this.values = values;
    this.quality = Objects.requireNonNull(quality, "quality");
  }

  /** The file name (or stream name) the series came from. */
  public String source() {
    return source;
  }

  public String timestampColumn() {
    return timestampColumn;
  }

  /** Value column names in file order (unmodifiable). */
  public List<String> columnNames() {
    return columns;
  }

  public int rows() {
    return timestamps.length;
  }

  /** Number of value columns (variates). */
  public int columnCount() {
    return columns.size();
  }

  public int targetIndex() {
    return targetIndex;
  }

  public String target() {
    return columns.get(targetIndex);
  }

  public TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  public DataQualityReport quality() {
    return quality;
  }

  /** Epoch seconds (UTC wall clock) of a row. */
  public long timestamp(int row) {
    return timestamps[row];
  }

  /** A row's timestamp formatted in the file's layout. */
  public String formatTimestamp(int row) {
    return timestampFormat.format(timestamps[row]);
  }

  /** All timestamps (a copy). */
  public long[] timestamps() {
    return timestamps.clone();
  }

  public double value(int row, int column) {
    return values[row * columns.size() + column];
  }

  /** All values, row-major (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** Rows {@code [fromRow, toRow)} row-major (a copy). */
  public double[] values(int fromRow, int toRow) {
    Objects.checkFromToIndex(fromRow, toRow, rows());
    int n = columns.size();
    return Arrays.copyOfRange(values, fromRow * n, toRow * n);
  }

  /**
   * Rows {@code [fromRow, toRow)} as a frame of their own (copies of the values and timestamps; same
   * source name, columns, target, format and quality report). Row 0 of the slice is row
   * {@code fromRow} of this frame.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 ≤ fromRow < toRow ≤ rows()}
   */
  public TimeSeriesFrame slice(int fromRow, int toRow) {
    Objects.checkFromToIndex(fromRow, toRow, rows());
    if (fromRow == toRow) {
      throw new IndexOutOfBoundsException("an empty slice [" + fromRow + ", " + toRow + ")");
    }
    return new TimeSeriesFrame(source, timestampColumn, columns, targetIndex, timestampFormat,
        Arrays.copyOfRange(timestamps, fromRow, toRow), values(fromRow, toRow), quality);
  }

  /** One column over rows {@code [fromRow, toRow)} (a copy). */
  public double[] column(int column, int fromRow, int toRow) {
    Objects.checkIndex(column, columns.size());
    Objects.checkFromToIndex(fromRow, toRow, rows());
    int n = columns.size();
    double[] out = new double[toRow - fromRow];
    for (int r = fromRow; r < toRow; r++) {
      out[r - fromRow] = values[r * n + column];
    }
    return out;
  }

  /** Every column over rows {@code [fromRow, toRow)}, one array per column (copies). */
  public double[][] columns(int fromRow, int toRow) {
    double[][] out = new double[columns.size()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = column(c, fromRow, toRow);
    }
    return out;
  }

  /** Index of a value column by exact header name, or -1. */
  public int indexOf(String column) {
    return columns.indexOf(column);
  }
}
