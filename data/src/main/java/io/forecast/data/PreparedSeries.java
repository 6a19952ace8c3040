package io.forecast.data;

import java.util.EnumMap;
import java.util.Map;

/**
 * A series made ready for a forecaster: split by a {@link SplitRule}, z-scored with a
 * {@link StandardScaler} fitted on the training rows only, and cut into sliding windows per split.
 * Every split must hold at least one window. Immutable.
 */
public final class PreparedSeries {
  private final TimeSeriesFrame frame;
  private final SplitBoundaries boundaries;
  private final StandardScaler scaler;
  private final double[] scaled;
  private final int seqLen;
  private final int predLen;
  private final Map<Split, SlidingWindows> windows = new EnumMap<>(Split.class);

  private PreparedSeries(TimeSeriesFrame frame, SplitBoundaries boundaries, int seqLen, int predLen,
      StandardScaler scaler) {
    this.frame = frame;
    this.boundaries = boundaries;
    this.seqLen = seqLen;
    this.predLen = predLen;
    double[] raw = frame.values();
    this.scaler = scaler != null ? scaler : StandardScaler.fit(raw, frame.columnCount(), 0, boundaries.trainEnd());
    this.scaler.transformInPlace(raw);
    requireScalable(frame, this.scaler, raw);
    this.scaled = raw;
    for (Split s : Split.values()) {
      windows.put(s, boundaries.windows(frame.source(), scaled, frame.columnCount(), s, seqLen, predLen));
    }
  }

  /**
   * Splits, scales and windows a frame.
   *
   * @param frame the loaded series; must hold no NaN
   * @param rule the split rule ({@link SplitRule#AUTO} resolves from the frame's file name)
   * @param seqLen input length, at least 1
   * @param predLen horizon, at least 1
   * @throws SeriesTooShortException if a split holds no window
   * @throws InvalidCellException if the series holds NaN (loaded with the {@code keep} policy)
   */
  public static PreparedSeries prepare(TimeSeriesFrame frame, SplitRule rule, int seqLen, int predLen) {
    checkLengths(seqLen, predLen);
    requireNoNaN(frame);
    SplitBoundaries b = SplitBoundaries.of(rule, frame.source(), frame.rows());
    return new PreparedSeries(frame, b, seqLen, predLen, null);
  }

  /**
   * Like {@link #prepare(TimeSeriesFrame, SplitRule, int, int)} but scales with a given scaler (a
   * saved model's) instead of fitting one on this frame's training rows.
   *
   * @throws IllegalArgumentException if the scaler has another number of columns
   */
  public static PreparedSeries prepare(TimeSeriesFrame frame, SplitRule rule, int seqLen, int predLen,
      StandardScaler scaler) {
    checkLengths(seqLen, predLen);
    if (scaler.columns() != frame.columnCount()) {
      throw new IllegalArgumentException(frame.source() + " has " + frame.columnCount()
          + " value columns, the scaler " + scaler.columns());
    }
    requireNoNaN(frame);
    SplitBoundaries b = SplitBoundaries.of(rule, frame.source(), frame.rows());
    return new PreparedSeries(frame, b, seqLen, predLen, scaler);
  }

  /**
   * Like {@link #prepare(TimeSeriesFrame, SplitRule, int, int, StandardScaler)} with boundaries given
   * row by row ({@link SplitBoundaries#explicit}), e.g. a backtest fold.
   *
   * @param scaler the scaler to use, or {@code null} to fit one on the boundaries' training rows
   * @throws SeriesTooShortException if a split holds no window
   * @throws IllegalArgumentException if the boundaries are for another number of rows, or the scaler
   *     has another number of columns
   */
  public static PreparedSeries prepare(TimeSeriesFrame frame, SplitBoundaries boundaries, int seqLen, int predLen,
      StandardScaler scaler) {
    checkLengths(seqLen, predLen);
    if (boundaries.totalRows() != frame.rows()) {
      throw new IllegalArgumentException("boundaries for " + boundaries.totalRows() + " rows, the frame has "
          + frame.rows());
    }
    if (scaler != null && scaler.columns() != frame.columnCount()) {
      throw new IllegalArgumentException(frame.source() + " has " + frame.columnCount()
          + " value columns, the scaler " + scaler.columns());
    }
    requireNoNaN(frame);
    return new PreparedSeries(frame, boundaries, seqLen, predLen, scaler);
  }

  /**
   * Checks window lengths.
   *
   * @throws IllegalArgumentException if either is below 1
   */
  public static void checkLengths(int seqLen, int predLen) {
    if (seqLen < 1 || predLen < 1) {
      throw new IllegalArgumentException("seq_len and pred_len must be at least 1, got " + seqLen + " and " + predLen);
    }
  }

  /**
   * Fails with the first value whose z-score is not a finite float32 (models compute in float32):
   * values near ±1e308 overflow the column's mean or spread, or scale beyond the float range.
   *
   * @throws InvalidCellException naming the line and column
   */
  private static void requireScalable(TimeSeriesFrame frame, StandardScaler scaler, double[] scaled) {
    int n = frame.columnCount();
    double[] mean = scaler.mean();
    double[] std = scaler.std();
    for (int c = 0; c < n; c++) {
      if (!Double.isFinite(mean[c]) || !Double.isFinite(std[c])) {
        throw new InvalidCellException(frame.source(), 0, frame.columnNames().get(c), "values are too large to "
            + "z-score: the training rows' mean or standard deviation overflows; rescale the column (e.g. to other units)");
      }
    }
    for (int i = 0; i < scaled.length; i++) {
      double z = scaled[i];
      if (!Double.isFinite(z) || Math.abs(z) > Float.MAX_VALUE) {
        int r = i / n;
        int c = i % n;
        throw new InvalidCellException(frame.source(), r + 2, frame.columnNames().get(c), "value "
            + frame.value(r, c) + " cannot be z-scored: the column's mean or standard deviation overflows, or the "
            + "scaled value leaves the float range; rescale the column (e.g. to other units)");
      }
    }
  }

  /**
   * Fails with the first NaN cell of a frame, if any.
   *
   * @throws InvalidCellException naming the line and column
   */
  public static void requireNoNaN(TimeSeriesFrame frame) {
    int n = frame.columnCount();
    for (int r = 0; r < frame.rows(); r++) {
      for (int c = 0; c < n; c++) {
        if (Double.isNaN(frame.value(r, c))) {
          throw new InvalidCellException(frame.source(), r + 2, frame.columnNames().get(c),
              "missing value (kept as NaN); load with --missing ffill, or fix the file");
        }
      }
    }
  }

  public TimeSeriesFrame frame() {
    return frame;
  }

  public SplitBoundaries boundaries() {
    return boundaries;
  }

  public StandardScaler scaler() {
    return scaler;
  }

  public int seqLen() {
    return seqLen;
  }

  public int predLen() {
    return predLen;
  }

  /** The windows of one split, over the shared scaled array. */
  public SlidingWindows windows(Split split) {
    return windows.get(split);
  }

  /** The scaled rows {@code [fromRow, toRow)}, row-major (a copy). */
  public double[] scaledRows(int fromRow, int toRow) {
    return java.util.Arrays.copyOfRange(scaled, fromRow * frame.columnCount(), toRow * frame.columnCount());
  }
}
