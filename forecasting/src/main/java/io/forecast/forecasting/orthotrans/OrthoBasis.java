package io.forecast.forecasting.orthotrans;

import java.util.Arrays;
import java.util.Objects;

/**
 * An OrthoTrans basis: an orthogonal {@code L × L} matrix {@code Q} whose row {@code k} is the
 * eigenvector of the variate-averaged lag-correlation matrix with the {@code k}-th largest
 * eigenvalue. The forward transform of a length-{@code L} window {@code x} is {@code z = Q x};
 * reconstruction is {@code x = Qᵀ z} (spec §1.3).
 *
 * <p>Immutable. Built either by {@link #fit(double[][], int)} (spec §1.2; eigenvalues, used and
 * skipped variates are known) or by {@link #of(double[][])} around a user-supplied matrix, e.g. one
 * of the official {@code .npy} files (eigenvalues unknown, reported as NaN).
 */
public final class OrthoBasis {
  private final int length;
  private final double[] q;
  private final double[] eigenvalues;
  private final int[] usedVariates;
  private final int[] skippedVariates;
  private final int trainingRows;

  OrthoBasis(int length, double[] q, double[] eigenvalues, int[] usedVariates, int[] skippedVariates,
      int trainingRows) {
    this.length = length;
    this.q = q;
    this.eigenvalues = eigenvalues;
    this.usedVariates = usedVariates;
    this.skippedVariates = skippedVariates;
    this.trainingRows = trainingRows;
  }

  /**
   * Builds the basis of window length {@code length} from training series, exactly as spec §1.2;
   * delegates to {@link OrthoTransOps#fit(double[][], int)}.
   *
   * @param variates {@code variates[j]} = the training values of variate {@code j}, raw units, all
   *     of the same length {@code n >= length + 1}, all finite
   * @param length the window length {@code L >= 2}
   * @throws IllegalArgumentException if there are no variates, they are ragged, {@code length < 2}
   *     or {@code n < length + 1}, a value is NaN or infinite, or every variate is near-constant
   */
  public static OrthoBasis fit(double[][] variates, int length) {
    return OrthoTransOps.fit(variates, length);
  }

  /**
   * Wraps a user-supplied basis (rows = basis vectors). The matrix is copied and must be square and
   * finite; orthogonality is not enforced (check {@link #maxOrthogonalityError()}: float32 files
   * are orthogonal only to about {@code 1e-6}). Eigenvalues are unknown ({@link #eigenvalues()}
   * returns NaN), no variates are recorded and {@link #trainingRows()} is 0.
   *
   * @throws IllegalArgumentException if {@code q} is empty, not square, or holds a non-finite value
   */
  public static OrthoBasis of(double[][] q) {
    Objects.requireNonNull(q, "q");
    int n = q.length;
    if (n == 0) {
      throw new IllegalArgumentException("basis matrix is empty");
    }
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (q[i] == null || q[i].length != n) {
        throw new IllegalArgumentException("basis matrix must be square: row " + i + " has "
            + (q[i] == null ? "no" : q[i].length) + " entries, expected " + n);
      }
      for (int k = 0; k < n; k++) {
        double v = q[i][k];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("basis matrix entry (" + i + ", " + k + ") is not finite: " + v);
        }
        flat[i * n + k] = v;
      }
    }
    double[] eig = new double[n];
    Arrays.fill(eig, Double.NaN);
    return new OrthoBasis(n, flat, eig, new int[0], new int[0], 0);
  }

  /** The window length {@code L}. */
  public int length() {
    return length;
  }

  /** {@code Q} as a new {@code L × L} array; row {@code k} = the {@code k}-th basis vector. */
  public double[][] q() {
    return OrthoTransOps.toRows(q, length);
  }

  /** Row {@code k} of {@code Q} (a copy). */
  public double[] row(int k) {
    if (k < 0 || k >= length) {
      throw new IndexOutOfBoundsException("row " + k + " outside [0, " + length + ")");
    }
    return Arrays.copyOfRange(q, k * length, (k + 1) * length);
  }

  /** {@code Q} flattened row-major (a copy). */
  public double[] toDoubleRowMajor() {
    return q.clone();
  }

  /** {@code Q} flattened row-major and rounded to {@code float}, as a model consumes it. */
  public float[] toFloatRowMajor() {
    float[] out = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = (float) q[i];
    }
    return out;
  }

  /**
   * The eigenvalues in descending order, matching the rows of {@link #q()} (a copy); all NaN for a
   * basis wrapped with {@link #of(double[][])}.
   */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** Whether this basis was fitted from data (eigenvalues and variates known). */
  public boolean isFitted() {
    return trainingRows > 0;
  }

  /** Indices of the variates averaged into the basis, ascending (a copy; empty if not fitted). */
  public int[] usedVariates() {
    return usedVariates.clone();
  }

  /**
   * Indices of the variates skipped because a lag variance was below {@link
   * OrthoTransOps#MIN_LAG_VARIANCE}, ascending (a copy; empty if not fitted).
   */
  public int[] skippedVariates() {
    return skippedVariates.clone();
  }

  /** The number of training values per variate the basis was fitted on; 0 if not fitted. */
  public int trainingRows() {
    return trainingRows;
  }

  /** {@code max |Q Qᵀ - I|} over all entries; computed on each call, {@code O(L³)}. */
  public double maxOrthogonalityError() {
    return OrthoTransOps.maxOrthogonalityError(q());
  }

  /**
   * The forward transform {@code z = Q x} of one length-{@code L} window.
   *
   * @throws IllegalArgumentException if {@code x.length != length()}
   */
  public double[] transform(double[] x) {
    checkLength(x, "window");
    double[] z = new double[length];
    for (int k = 0; k < length; k++) {
      double s = 0;
      int row = k * length;
      for (int i = 0; i < length; i++) {
        s += q[row + i] * x[i];
      }
      z[k] = s;
    }
    return z;
  }

  /**
   * The inverse transform {@code x = Qᵀ z} of one coefficient vector.
   *
   * @throws IllegalArgumentException if {@code z.length != length()}
   */
  public double[] inverse(double[] z) {
    checkLength(z, "coefficient vector");
    double[] x = new double[length];
    for (int k = 0; k < length; k++) {
      double c = z[k];
      int row = k * length;
      for (int i = 0; i < length; i++) {
        x[i] += q[row + i] * c;
      }
    }
    return x;
  }

  private void checkLength(double[] v, String what) {
    Objects.requireNonNull(v, what);
    if (v.length != length) {
      throw new IllegalArgumentException(what + " has length " + v.length + ", basis length is " + length);
    }
  }

  @Override
  public String toString() {
    return "OrthoBasis[L=" + length + (isFitted() ? ", rows=" + trainingRows + ", used="
        + usedVariates.length + ", skipped=" + skippedVariates.length : ", supplied") + "]";
  }
}
