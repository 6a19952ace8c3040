package io.forecast.data;

import java.util.Objects;

/**
 * The sliding forecast windows of one split segment, as views over one contiguous row-major array.
 *
 * <p>Window {@code i} reads its input from rows {@code [start + i, start + i + seqLen)} and its
 * target from the {@code predLen} rows right after (label length 0). No window is copied: callers
 * read {@link #data()} at {@link #inputOffset(int)} and {@link #targetOffset(int)}, or use the
 * {@code copy*} kernels that write into a caller-owned buffer.
 *
 * <p>The count follows the Time-Series-Library rule {@code (end - start) - seqLen - predLen + 1}.
 * Instances are immutable views; the backing array must not be modified by its owner after
 * construction.
 */
public final class SlidingWindows {
  private final double[] data;
  private final int columns;
  private final int startRow;
  private final int endRow;
  private final int seqLen;
  private final int predLen;
  private final int count;

  private SlidingWindows(double[] data, int columns, int startRow, int endRow, int seqLen, int predLen) {
    this.data = data;
    this.columns = columns;
    this.startRow = startRow;
    this.endRow = endRow;
    this.seqLen = seqLen;
    this.predLen = predLen;
    this.count = windowCount(endRow - startRow, seqLen, predLen);
  }

  /**
   * Creates the windows over rows {@code [startRow, endRow)} of a row-major array.
   *
   * @param data row-major values, {@code rows * columns} long; shared, not copied
   * @param columns number of columns (variates) per row, at least 1
   * @param startRow first row the segment covers (inclusive), the first input row of window 0
   * @param endRow row after the last row of the segment (exclusive)
   * @param seqLen input (look-back) length, at least 1
   * @param predLen target (horizon) length, at least 1
   * @return the windows; {@link #count()} may be 0 or negative if the segment is too short, see
   *     {@link #windowCount(int, int, int)}
   * @throws IllegalArgumentException if a length is not positive or the rows are out of range
   */
  public static SlidingWindows over(
      double[] data, int columns, int startRow, int endRow, int seqLen, int predLen) {
    Objects.requireNonNull(data, "data");
    if (columns < 1 || seqLen < 1 || predLen < 1) {
      throw new IllegalArgumentException(
          "columns, seqLen and predLen must be positive, got " + columns + ", " + seqLen + ", " + predLen);
    }
    if (data.length % columns != 0) {
      throw new IllegalArgumentException(
          "data length " + data.length + " is not a multiple of " + columns + " columns");
    }
    int rows = data.length / columns;
    if (startRow < 0 || endRow > rows || startRow > endRow) {
      throw new IllegalArgumentException(
          "segment [" + startRow + ", " + endRow + ") is outside the " + rows + " rows");
    }
    return new SlidingWindows(data, columns, startRow, endRow, seqLen, predLen);
  }

  /**
   * The number of windows a segment of {@code segmentRows} rows holds:
   * {@code segmentRows - seqLen - predLen + 1}, which is not positive when the segment is too short.
   */
  public static int windowCount(int segmentRows, int seqLen, int predLen) {
    return segmentRows - seqLen - predLen + 1;
  }

  /** Number of windows; positive for a usable segment. */
  public int count() {
    return Math.max(count, 0);
  }

  /** The shared backing array (row-major); read-only by contract. */
  public double[] data() {
    return data;
  }

  public int columns() {
    return columns;
  }

  public int seqLen() {
    return seqLen;
  }

  public int predLen() {
    return predLen;
  }

  /** First row of the segment (the first input row of window 0). */
  public int startRow() {
    return startRow;
  }

  /** Row after the segment's last row. */
  public int endRow() {
    return endRow;
  }

  /** Index in {@link #data()} of the first input value of window {@code i}. */
  public int inputOffset(int i) {
    return (startRow + checkIndex(i)) * columns;
  }

  /** Index in {@link #data()} of the first target value of window {@code i}. */
  public int targetOffset(int i) {
    return (startRow + checkIndex(i) + seqLen) * columns;
  }

  /** Row index (in the whole series) of the first target row of window {@code i}. */
  public int targetRow(int i) {
    return startRow + checkIndex(i) + seqLen;
  }

  /**
   * Copies the input of window {@code i} ({@code seqLen * columns} values, row-major) into
   * {@code out} at {@code offset}, narrowing to float.
   */
  public void copyInput(int i, float[] out, int offset) {
    copy(inputOffset(i), seqLen * columns, out, offset);
  }

  /**
   * Copies the target of window {@code i} ({@code predLen * columns} values, row-major) into
   * {@code out} at {@code offset}, narrowing to float.
   */
  public void copyTarget(int i, float[] out, int offset) {
    copy(targetOffset(i), predLen * columns, out, offset);
  }

  private void copy(int from, int length, float[] out, int offset) {
    for (int k = 0; k < length; k++) {
      out[offset + k] = (float) data[from + k];
    }
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= count()) {
      throw new IndexOutOfBoundsException("window " + i + " of " + count());
    }
    return i;
  }
}
