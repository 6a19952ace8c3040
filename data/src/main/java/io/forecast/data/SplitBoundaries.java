package io.forecast.data;

/**
 * Row boundaries of a chronological split: train {@code [0, trainEnd)}, validation
 * {@code [trainEnd, valEnd)}, test {@code [valEnd, testEnd)}; rows from {@code testEnd} to
 * {@code totalRows} are unused (ETT rules only).
 *
 * <p>Validation and test windows look back {@code seqLen} rows across their left boundary, so every
 * row of those parts is a forecast target (see {@link #windows}).
 *
 * @param rule the resolved rule (never {@link SplitRule#AUTO})
 * @param trainEnd first validation row
 * @param valEnd first test row
 * @param testEnd row after the last test row
 * @param totalRows rows in the series
 */
public record SplitBoundaries(SplitRule rule, int trainEnd, int valEnd, int testEnd, int totalRows) {

  /** Rows per 30-day month for hourly ETT data. */
  public static final int ETT_HOUR_MONTH = 30 * 24;

  /** Rows per 30-day month for 15-minute ETT data. */
  public static final int ETT_MINUTE_MONTH = 30 * 24 * 4;

  public SplitBoundaries {
    if (rule == SplitRule.AUTO) {
      throw new IllegalArgumentException("boundaries need a resolved rule, not auto");
    }
    if (!(0 < trainEnd && trainEnd <= valEnd && valEnd <= testEnd && testEnd <= totalRows)) {
      throw new IllegalArgumentException("inconsistent boundaries 0/" + trainEnd + "/" + valEnd + "/" + testEnd
          + " for " + totalRows + " rows");
    }
  }

  /**
   * Computes the boundaries for a series.
   *
   * @param rule the split rule; {@link SplitRule#AUTO} is resolved from {@code fileName}
   * @param fileName the data file's name (used by AUTO only)
   * @param rows number of rows in the series
   * @throws SeriesTooShortException if an ETT rule is applied to fewer rows than its 20 months,
   *     or the ratio rule leaves a part empty
   */
  public static SplitBoundaries of(SplitRule rule, String fileName, int rows) {
    SplitRule resolved = rule.resolve(fileName);
    switch (resolved) {
      case EXPLICIT:
        throw new IllegalArgumentException("explicit boundaries are given row by row: use SplitBoundaries.explicit");
      case ETT_HOUR:
      case ETT_MINUTE: {
        int month = resolved == SplitRule.ETT_HOUR ? ETT_HOUR_MONTH : ETT_MINUTE_MONTH;
        int train = 12 * month;
        int val = train + 4 * month;
        int test = val + 4 * month;
        if (rows < test) {
          throw new SeriesTooShortException(fileName, "split " + resolved.label() + " needs at least "
              + test + " rows (12/4/4 months of " + month + " rows), the file has " + rows
              + "; use --split ratio");
        }
        return new SplitBoundaries(resolved, train, val, test, rows);
      }
      case RATIO:
      default: {
        int train = (int) (rows * 0.7);
        int test = (int) (rows * 0.2);
        int val = rows - train - test;
        if (train < 1 || val < 1 || test < 1) {
          throw new SeriesTooShortException(fileName, "split ratio 7:1:2 of " + rows
              + " rows leaves an empty part (train " + train + ", val " + val + ", test " + test + ")");
        }
        return new SplitBoundaries(resolved, train, train + val, rows, rows);
      }
    }
  }

  /**
   * Boundaries given row by row (rule {@link SplitRule#EXPLICIT}), e.g. one fold of a rolling-origin
   * backtest: train {@code [0, trainEnd)}, validation {@code [trainEnd, valEnd)}, test
   * {@code [valEnd, testEnd)}.
   *
   * @throws IllegalArgumentException unless {@code 0 < trainEnd ≤ valEnd ≤ testEnd ≤ totalRows}
   */
  public static SplitBoundaries explicit(int trainEnd, int valEnd, int testEnd, int totalRows) {
    return new SplitBoundaries(SplitRule.EXPLICIT, trainEnd, valEnd, testEnd, totalRows);
  }

  /** First row of a part (inclusive). */
  public int start(Split split) {
    return switch (split) {
      case TRAIN -> 0;
      case VAL -> trainEnd;
      case TEST -> valEnd;
    };
  }

  /** Row after the last row of a part. */
  public int end(Split split) {
    return switch (split) {
      case TRAIN -> trainEnd;
      case VAL -> valEnd;
      case TEST -> testEnd;
    };
  }

  /** Rows in a part. */
  public int rows(Split split) {
    return end(split) - start(split);
  }

  /** Rows after the test part that no split uses. */
  public int unusedRows() {
    return totalRows - testEnd;
  }

  /**
   * The first row a part's windows read: the part's start, moved {@code seqLen} rows back for
   * validation and test (never before row 0).
   */
  public int windowStart(Split split, int seqLen) {
    return split == Split.TRAIN ? 0 : Math.max(0, start(split) - seqLen);
  }

  /** Number of windows of a part for the given lengths (not positive when the part is too short). */
  public int windowCount(Split split, int seqLen, int predLen) {
    return SlidingWindows.windowCount(end(split) - windowStart(split, seqLen), seqLen, predLen);
  }

  /**
   * Checks that every part holds at least one window.
   *
   * @param source the file name, for the error message
   * @throws SeriesTooShortException naming the first part that holds none
   */
  public void requireWindows(String source, int seqLen, int predLen) {
    for (Split s : Split.values()) {
      requireWindows(source, s, seqLen, predLen);
    }
  }

  private void requireWindows(String source, Split split, int seqLen, int predLen) {
    if (windowCount(split, seqLen, predLen) < 1) {
      throw new SeriesTooShortException(source, "the " + split.label() + " split has " + rows(split)
          + " rows, too few for seq_len " + seqLen + " + pred_len " + predLen
          + " (needs " + (split == Split.TRAIN ? seqLen + predLen : predLen) + ")");
    }
  }

  /**
   * The windows of one part over a row-major array holding the whole series.
   *
   * @param source the file name, for the error message
   * @throws SeriesTooShortException naming the part if it holds no window
   */
  public SlidingWindows windows(String source, double[] data, int columns, Split split, int seqLen, int predLen) {
    requireWindows(source, split, seqLen, predLen);
    return SlidingWindows.over(data, columns, windowStart(split, seqLen), end(split), seqLen, predLen);
  }
}
