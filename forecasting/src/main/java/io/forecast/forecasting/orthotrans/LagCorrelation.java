package io.forecast.forecasting.orthotrans;

/**
 * The variate-averaged lag-correlation matrix {@code S} of OrthoTrans (spec §1.2 steps 2–5): the
 * column-normalised lag covariances averaged over the kept variates, with the lower triangle
 * mirrored so that {@code S} is exactly symmetric. Immutable; built by {@link
 * OrthoTransOps#lagCorrelation(double[][], int)}.
 */
public final class LagCorrelation {
  private final int length;
  private final double[] s;
  private final int[] usedVariates;
  private final int[] skippedVariates;
  private final int trainingRows;

  LagCorrelation(int length, double[] s, int[] usedVariates, int[] skippedVariates, int trainingRows) {
    this.length = length;
    this.s = s;
    this.usedVariates = usedVariates;
    this.skippedVariates = skippedVariates;
    this.trainingRows = trainingRows;
  }

  /** The window length {@code L}; the matrix is {@code L × L}. */
  public int length() {
    return length;
  }

  /** {@code S} as a new {@code L × L} array; symmetric, unit diagonal. */
  public double[][] matrix() {
    double[][] out = new double[length][];
    for (int i = 0; i < length; i++) {
      out[i] = new double[length];
      System.arraycopy(s, i * length, out[i], 0, length);
    }
    return out;
  }

  /** Entry {@code S[i][k]}. */
  public double get(int i, int k) {
    if (i < 0 || i >= length || k < 0 || k >= length) {
      throw new IndexOutOfBoundsException("(" + i + ", " + k + ") outside " + length + " x " + length);
    }
    return s[i * length + k];
  }

  /** The trace of {@code S} (equal to {@code L}: every diagonal entry is 1 up to rounding). */
  public double trace() {
    double t = 0;
    for (int i = 0; i < length; i++) {
      t += s[i * length + i];
    }
    return t;
  }

  /** Indices of the variates that entered the average, ascending (a copy). */
  public int[] usedVariates() {
    return usedVariates.clone();
  }

  /** Indices of the variates skipped for a lag variance below {@code 1e-4}, ascending (a copy). */
  public int[] skippedVariates() {
    return skippedVariates.clone();
  }

  /** The number {@code n} of training values per variate. */
  public int trainingRows() {
    return trainingRows;
  }

  /** Row-major backing array, not copied; for this package only. */
  double[] raw() {
    return s;
  }
}
