package io.forecast.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-column z-score scaling, fitted on a row range (the training rows) of a row-major array.
 *
 * <p>Matches scikit-learn's {@code StandardScaler}: mean and <em>population</em> standard
 * deviation (ddof 0), and a standard deviation of exactly zero is replaced by 1. Immutable.
 */
public final class StandardScaler {
  private final double[] mean;
  private final double[] std;

  private StandardScaler(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * Fits the scaler on rows {@code [fromRow, toRow)} of a row-major array.
   *
   * @throws IllegalArgumentException if the row range is empty or outside the array
   */
  public static StandardScaler fit(double[] data, int columns, int fromRow, int toRow) {
    Objects.requireNonNull(data, "data");
    if (columns < 1 || data.length % columns != 0) {
      throw new IllegalArgumentException("data length " + data.length + " does not fit " + columns + " columns");
    }
    int rows = data.length / columns;
    if (fromRow < 0 || toRow > rows || fromRow >= toRow) {
      throw new IllegalArgumentException("cannot fit on rows [" + fromRow + ", " + toRow + ") of " + rows);
    }
    int n = toRow - fromRow;
    double[] mean = new double[columns];
    for (int r = fromRow; r < toRow; r++) {
      for (int c = 0; c < columns; c++) {
        mean[c] += data[r * columns + c];
      }
    }
    for (int c = 0; c < columns; c++) {
      mean[c] /= n;
    }
    double[] var = new double[columns];
    for (int r = fromRow; r < toRow; r++) {
      for (int c = 0; c < columns; c++) {
        double d = data[r * columns + c] - mean[c];
        var[c] += d * d;
      }
    }
    double[] std = new double[columns];
    for (int c = 0; c < columns; c++) {
      double s = Math.sqrt(var[c] / n);
      std[c] = s == 0.0 ? 1.0 : s;
    }
    return new StandardScaler(mean, std);
  }

  /** Re-creates a fitted scaler from its statistics (for persistence). */
  public static StandardScaler of(double[] mean, double[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
    }
    for (double s : std) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("std must be positive and finite, got " + s);
      }
    }
    return new StandardScaler(mean.clone(), std.clone());
  }

  public int columns() {
    return mean.length;
  }

  /** Per-column means (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** Per-column population standard deviations, zeros replaced by 1 (a copy). */
  public double[] std() {
    return std.clone();
  }

  /** Returns a scaled copy of a row-major array with {@link #columns()} columns. */
  public double[] transform(double[] data) {
    double[] out = Arrays.copyOf(data, data.length);
    transformInPlace(out);
    return out;
  }

  /** Scales a row-major array in place. */
  public void transformInPlace(double[] data) {
    checkShape(data);
    int columns = mean.length;
    for (int i = 0; i < data.length; i++) {
      int c = i % columns;
      data[i] = (data[i] - mean[c]) / std[c];
    }
  }

  /** Returns the unscaled copy of a row-major scaled array. */
  public double[] inverse(double[] scaled) {
    checkShape(scaled);
    double[] out = new double[scaled.length];
    int columns = mean.length;
    for (int i = 0; i < scaled.length; i++) {
      int c = i % columns;
      out[i] = scaled[i] * std[c] + mean[c];
    }
    return out;
  }

  private void checkShape(double[] data) {
    if (data.length % mean.length != 0) {
      throw new IllegalArgumentException(
          "array length " + data.length + " is not a multiple of " + mean.length + " columns");
    }
  }
}
