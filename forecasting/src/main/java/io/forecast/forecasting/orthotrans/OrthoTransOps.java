package io.forecast.forecasting.orthotrans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Stateless operations that build an OrthoTrans basis (spec {@code olinear.md} §1.2).
 *
 * <p>Input convention everywhere: {@code variates[j]} is the training series of variate {@code j}
 * (raw units, all of the same length {@code n}); {@code length} is the window length {@code L}.
 * Values must be finite: the official notebook replaces NaN by 0, and a caller that wants that
 * behaviour must do it beforehand.
 *
 * <p>All methods are thread-safe and deterministic: the variates are processed in parallel (common
 * {@link ForkJoinPool}), but each writes its own matrix and the results are summed in variate
 * order, so the output does not depend on the number of threads.
 */
public final class OrthoTransOps {
  /**
   * A variate is skipped when any lag variance (diagonal entry of its lag covariance) is below
   * this value, in raw units ({@code if (diag_vec < 1e-4).any(): continue} in the notebook).
   */
  public static final double MIN_LAG_VARIANCE = 1e-4;

  /** Per-variate covariance kernel: writes the full symmetric {@code L × L} covariance. */
  @FunctionalInterface
  interface CovarianceKernel {
    void covariance(double[] x, int length, double[] out);
  }

  /** Bytes of per-variate scratch matrices held at once before they are reduced. */
  /** Largest window length whose {@code L × L} matrix fits in one array. */
  static final int MAX_LENGTH = 46_340;

  private static final long BATCH_BYTES = 64L << 20;

  private OrthoTransOps() {}

  /**
   * Builds the OrthoTrans basis of the given training series: {@link #lagCorrelation(double[][],
   * int)} followed by {@link #decompose(LagCorrelation)}.
   *
   * @throws IllegalArgumentException on invalid input (see {@link #lagCorrelation(double[][],
   *     int)})
   */
  public static OrthoBasis fit(double[][] variates, int length) {
    return decompose(lagCorrelation(variates, length));
  }

  /**
   * The sample covariance (ddof 1) of the {@code L} lag positions of one series over its {@code M =
   * n - L + 1} stride-1 windows: entry {@code (i, k)} is the covariance of {@code x[i .. i+M)} and
   * {@code x[k .. k+M)}, exactly {@code np.cov(lagged_matrix)} of the notebook.
   *
   * <p>Computed in {@code O(L·M)} by sliding sums along the diagonals on the series centred by its
   * overall mean (centring does not change the covariance but avoids the cancellation of the
   * raw-moment formula for series whose mean is large relative to their spread).
   *
   * @param x the series, {@code n >= length + 1} finite values
   * @param length the window length {@code L >= 2}
   * @return a new symmetric {@code L × L} array
   * @throws IllegalArgumentException if {@code length < 2}, the series is too short or holds a
   *     non-finite value
   */
  public static double[][] lagCovariance(double[] x, int length) {
    Objects.requireNonNull(x, "x");
    validate(new double[][] {x}, length);
    double[] flat = new double[length * length];
    slidingCovariance(x, length, flat);
    return toRows(flat, length);
  }

  /**
   * Steps 2–5 of spec §1.2: per-variate lag covariance, the near-constant filter ({@link
   * #MIN_LAG_VARIANCE}), column normalisation {@code C'[i][k] = C[i][k] / C[k][k]}, the mean over
   * the kept variates, and the lower triangle mirrored.
   *
   * @throws IllegalArgumentException if there are no variates, their lengths differ, {@code length
   *     < 2}, there are fewer than {@code length + 1} rows, a value is NaN or infinite (the message
   *     names the variate and row), or every variate is skipped
   */
  public static LagCorrelation lagCorrelation(double[][] variates, int length) {
    return lagCorrelation(variates, length, OrthoTransOps::slidingCovariance);
  }

  /**
   * Steps 6–7 of spec §1.2: the symmetric eigendecomposition of {@code S} (EJML), eigenpairs
   * sorted by descending eigenvalue (ties keep EJML's order), eigenvector {@code k} as row {@code
   * k}, each row signed so that its largest-magnitude entry (the first one on a tie) is positive.
   *
   * @throws IllegalStateException if the EJML decomposition fails to converge
   */
  public static OrthoBasis decompose(LagCorrelation correlation) {
    Objects.requireNonNull(correlation, "correlation");
    int n = correlation.length();
    DMatrixRMaj a = DMatrixRMaj.wrap(n, n, correlation.raw().clone());
    // One thread: on an idle 2-core machine EJML's multi-threaded solver is slower (weather L = 720:
    // 592 ms against 535 ms, forecasting/RESULTS.md), and a training run has its own threads to feed.
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(a)) {
      throw new IllegalStateException("symmetric eigendecomposition of the " + n + " x " + n
          + " lag-correlation matrix did not converge");
    }
    int count = eig.getNumberOfEigenvalues();
    if (count != n) {
      throw new IllegalStateException("eigendecomposition returned " + count + " eigenvalues, expected " + n);
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = eig.getEigenvalue(i).getReal();
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Stable sort: descending eigenvalue, ties in EJML's order.
    Arrays.sort(order, (p, r) -> Double.compare(values[r], values[p]));
    double[] q = new double[n * n];
    double[] sorted = new double[n];
    for (int k = 0; k < n; k++) {
      int src = order[k];
      sorted[k] = values[src];
      DMatrixRMaj v = eig.getEigenVector(src);
      if (v == null) {
        throw new IllegalStateException("eigendecomposition returned no eigenvector for eigenvalue " + values[src]);
      }
      int argMax = 0;
      double best = -1;
      for (int i = 0; i < n; i++) {
        double m = Math.abs(v.get(i));
        if (m > best) {
          best = m;
          argMax = i;
        }
      }
      double sign = v.get(argMax) < 0 ? -1.0 : 1.0;
      for (int i = 0; i < n; i++) {
        q[k * n + i] = sign * v.get(i);
      }
    }
    return new OrthoBasis(n, q, sorted, correlation.usedVariates(), correlation.skippedVariates(),
        correlation.trainingRows());
  }

  /**
   * {@code max |Q Qᵀ - I|} over all entries, for a square matrix given by rows; {@code O(L³)}.
   *
   * @throws IllegalArgumentException if {@code q} is not square
   */
  public static double maxOrthogonalityError(double[][] q) {
    Objects.requireNonNull(q, "q");
    int n = q.length;
    for (int i = 0; i < n; i++) {
      if (q[i] == null || q[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + (q[i] == null ? "no" : q[i].length)
            + " entries, expected " + n + " (matrix must be square)");
      }
    }
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        double dot = 0;
        double[] a = q[i];
        double[] b = q[k];
        for (int t = 0; t < n; t++) {
          dot += a[t] * b[t];
        }
        max = Math.max(max, Math.abs(dot - (i == k ? 1.0 : 0.0)));
      }
    }
    return max;
  }

  // ------------------------------------------------------------------------------------------
  // package-private machinery (shared with the benchmark)

  static LagCorrelation lagCorrelation(double[][] variates, int length, CovarianceKernel kernel) {
    Objects.requireNonNull(variates, "variates");
    validate(variates, length);
    int count = variates.length;
    int rows = variates[0].length;
    int cells = length * length;
    long perVariate = 8L * cells;
    int parallelism = Math.max(1, ForkJoinPool.getCommonPoolParallelism());
    int batch = (int) Math.max(2L * parallelism, BATCH_BYTES / perVariate);
    batch = Math.max(1, Math.min(batch, count));

    double[] sum = new double[cells];
    double[] minDiag = new double[count];
    List<Integer> used = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    double[][] scratch = new double[batch][];
    for (int start = 0; start < count; start += batch) {
      int from = start;
      int to = Math.min(count, start + batch);
      IntStream.range(from, to).parallel().forEach(j -> {
        double[] c = new double[cells];
        kernel.covariance(variates[j], length, c);
        double[] diag = new double[length];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < length; i++) {
          diag[i] = c[i * length + i];
          min = Math.min(min, diag[i]);
        }
        minDiag[j] = min;
        if (min < MIN_LAG_VARIANCE) {
          scratch[j - from] = null;
          return;
        }
        // Column normalisation, lower triangle only (the only part S reads).
        for (int i = 0; i < length; i++) {
          int row = i * length;
          for (int k = 0; k <= i; k++) {
            c[row + k] /= diag[k];
          }
        }
        scratch[j - from] = c;
      });
      // Fixed-order reduction: the result does not depend on the thread count.
      for (int j = from; j < to; j++) {
        double[] c = scratch[j - from];
        scratch[j - from] = null;
        if (c == null) {
          skipped.add(j);
          continue;
        }
        used.add(j);
        for (int i = 0; i < length; i++) {
          int row = i * length;
          for (int k = 0; k <= i; k++) {
            sum[row + k] += c[row + k];
          }
        }
      }
    }
    if (used.isEmpty()) {
      StringBuilder detail = new StringBuilder();
      for (int j = 0; j < Math.min(count, 8); j++) {
        detail.append(j == 0 ? "" : ", ").append("variate ").append(j).append(": ").append(minDiag[j]);
      }
      if (count > 8) {
        detail.append(", ...");
      }
      throw new IllegalArgumentException("all " + count + " variates have a lag variance < "
          + MIN_LAG_VARIANCE + " (near-constant over the " + rows
          + " training rows), nothing to average; smallest lag variance per variate: " + detail);
    }
    double kept = used.size();
    double[] s = new double[cells];
    for (int i = 0; i < length; i++) {
      for (int k = 0; k <= i; k++) {
        double v = sum[i * length + k] / kept;
        s[i * length + k] = v;
        s[k * length + i] = v;
      }
    }
    return new LagCorrelation(length, s, toArray(used), toArray(skipped), rows);
  }

  /**
   * Sliding-sum lag covariance (spec "Efficient Java version"), on the centred series. Writes the
   * full symmetric matrix into {@code out} (length {@code L²}); the input must be validated.
   */
  static void slidingCovariance(double[] x, int length, double[] out) {
    slidingCovariance(x, length, out, length >= LARGE_LENGTH);
  }

  /**
   * Window lengths from which the first lag row is computed by FFT ({@link FftLagProducts}): below it
   * the direct sums are as fast or faster (and the bases of the common L = 96 … 192 stay exactly as
   * before).
   */
  static final int LARGE_LENGTH = 256;

  /** {@link #slidingCovariance(double[], int, double[])} with the first lag row by FFT or by direct sums. */
  static void slidingCovariance(double[] x, int length, double[] out, boolean fft) {
    int n = x.length;
    int m = n - length + 1;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double correction = 0;
    for (double v : x) {
      correction += v - mean;
    }
    mean += correction / n;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = x[t] - mean;
    }
    // Row sums of the lag matrix by prefix sums: rowSum[i] = y[i] + ... + y[i+M-1].
    double[] prefix = new double[n + 1];
    for (int t = 0; t < n; t++) {
      prefix[t + 1] = prefix[t] + y[t];
    }
    double[] rowSum = new double[length];
    for (int i = 0; i < length; i++) {
      rowSum[i] = prefix[i + m] - prefix[i];
    }
    double denom = m - 1.0;
    double[] firstRow = fft ? FftLagProducts.lagProducts(y, length) : null;
    for (int d = 0; d < length; d++) {
      double s = firstRow != null ? firstRow[d] : lagProduct(y, d, m);
      // Walk down the diagonal: S_{i+1,k+1} = S_{i,k} - y[i]y[k] + y[i+M]y[k+M].
      for (int k = 0; ; k++) {
        int i = k + d;
        double c = (s - rowSum[i] * rowSum[k] / m) / denom;
        out[i * length + k] = c;
        out[k * length + i] = c;
        if (i + 1 >= length) {
          break;
        }
        s += y[i + m] * y[k + m] - y[i] * y[k];
      }
    }
  }

  /** {@code Σ_{t<m} y[t+d]·y[t]}, four partial sums for speed (deterministic). */
  private static double lagProduct(double[] y, int d, int m) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int t = 0;
    for (; t + 3 < m; t += 4) {
      s0 += y[t + d] * y[t];
      s1 += y[t + 1 + d] * y[t + 1];
      s2 += y[t + 2 + d] * y[t + 2];
      s3 += y[t + 3 + d] * y[t + 3];
    }
    for (; t < m; t++) {
      s0 += y[t + d] * y[t];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Input checks shared by every entry point; messages name the offending variate and row. */
  static void validate(double[][] variates, int length) {
    if (variates.length == 0) {
      throw new IllegalArgumentException("no variates: at least one training series is needed");
    }
    for (int j = 0; j < variates.length; j++) {
      if (variates[j] == null) {
        throw new IllegalArgumentException("variate " + j + " is null");
      }
    }
    int n = variates[0].length;
    for (int j = 1; j < variates.length; j++) {
      if (variates[j].length != n) {
        throw new IllegalArgumentException("ragged input: variate " + j + " has " + variates[j].length
            + " training rows but variate 0 has " + n + " (all variates must have the same length)");
      }
    }
    if (length < 2) {
      throw new IllegalArgumentException("window length L must be at least 2, got " + length);
    }
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("window length L = " + length + " exceeds the maximum "
          + MAX_LENGTH + " (an L x L matrix must fit in one Java array)");
    }
    if (n < length + 1) {
      throw new IllegalArgumentException("window length L = " + length + " needs at least L + 1 = "
          + (length + 1L) + " training rows (at least 2 sliding windows), got " + n);
    }
    for (int j = 0; j < variates.length; j++) {
      double[] x = variates[j];
      for (int t = 0; t < n; t++) {
        if (!Double.isFinite(x[t])) {
          throw new IllegalArgumentException("variate " + j + ", row " + t + ": value " + x[t]
              + " is not finite (replace missing values, e.g. NaN by 0 as the notebook does, before"
              + " building the basis)");
        }
        if (Math.abs(x[t]) > MAX_ABS_VALUE) {
          throw new IllegalArgumentException("variate " + j + ", row " + t + ": value " + x[t] + " is too large for"
              + " the lag covariance (products of values would overflow; at most " + MAX_ABS_VALUE
              + " in magnitude): rescale the series");
        }
      }
    }
  }

  /** Largest |value| accepted: sums of L·M products of two values must stay finite. */
  static final double MAX_ABS_VALUE = 1e150;

  static double[][] toRows(double[] flat, int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * n, (i + 1) * n);
    }
    return out;
  }

  private static int[] toArray(List<Integer> list) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
