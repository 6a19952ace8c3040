package io.forecast.attention.sinkhorn;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of Sinkformer attention, in the official code's form: dual potentials {@code u} (one per
 * query) and {@code v} (one per key) start at 0, {@code M_ij = (S_ij + u_i + v_j)/ε} is recomputed from
 * them at every step, an even step sets {@code u_i ← ε(log μ − logsumexp_j M_ij) + u_i}, an odd step
 * {@code v_j ← ε(log ν − logsumexp_i M_ij) + v_j}, and {@code A = N·exp(M)}. Sums run over the allowed
 * entries only; {@code N}, {@code M} and the marginals count the valid queries and keys (those with at
 * least one allowed entry), masked weights are 0. See {@link SinkhornAttention} for the semantics.
 */
public final class SinkhornReference implements ReferenceOperator {
  private final int iterations;
  private final double eps;
  private final boolean float32Marginals;

  /** Same parameters as {@link SinkhornAttention#SinkhornAttention(int, double, boolean)}. */
  public SinkhornReference(int iterations, double eps, boolean float32Marginals) {
    Sinkhorn.checkParameters(iterations, eps);
    this.iterations = iterations;
    this.eps = eps;
    this.float32Marginals = float32Marginals;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    DenseOps.checkMask(keep, q.numRows, k.numRows);
    DMatrixRMaj a = weights(DenseOps.scores(q, k, Math.pow(q.numCols, -0.5)), keep);
    return new ReferenceResult(DenseOps.times(a, v), a);
  }

  /** The mixing matrix A of the scores {@code s} (already scaled by {@code d^-0.5}), {@code keep} or null. */
  public DMatrixRMaj weights(DMatrixRMaj s, boolean[][] keep) {
    int n = s.numRows;
    int m = s.numCols;
    DenseOps.checkMask(keep, n, m);
    boolean[] validRow = new boolean[n];
    boolean[] validCol = new boolean[m];
    int rows = 0;
    int cols = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        if (allowed(keep, i, j)) {
          validRow[i] = true;
          validCol[j] = true;
        }
      }
    }
    for (boolean b : validRow) {
      rows += b ? 1 : 0;
    }
    for (boolean b : validCol) {
      cols += b ? 1 : 0;
    }
    DMatrixRMaj a = new DMatrixRMaj(n, m);
    if (rows == 0) {
      return a; // nothing allowed: all zeros
    }
    double logMu = Sinkhorn.logMarginal(rows, float32Marginals);
    double logNu = Sinkhorn.logMarginal(cols, float32Marginals);
    double[] u = new double[n];
    double[] w = new double[m];
    for (int t = 0; t < iterations; t++) {
      if (t % 2 == 0) {
        for (int i = 0; i < n; i++) {
          if (!validRow[i]) {
            continue;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < m; j++) {
            if (allowed(keep, i, j)) {
              max = Math.max(max, modified(s, u, w, i, j));
            }
          }
          double sum = 0;
          for (int j = 0; j < m; j++) {
            if (allowed(keep, i, j)) {
              sum += Math.exp(modified(s, u, w, i, j) - max);
            }
          }
          u[i] = eps * (logMu - (max + Math.log(sum))) + u[i];
        }
      } else {
        for (int j = 0; j < m; j++) {
          if (!validCol[j]) {
            continue;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < n; i++) {
            if (allowed(keep, i, j)) {
              max = Math.max(max, modified(s, u, w, i, j));
            }
          }
          double sum = 0;
          for (int i = 0; i < n; i++) {
            if (allowed(keep, i, j)) {
              sum += Math.exp(modified(s, u, w, i, j) - max);
            }
          }
          w[j] = eps * (logNu - (max + Math.log(sum))) + w[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        if (allowed(keep, i, j)) {
          a.set(i, j, rows * Math.exp(modified(s, u, w, i, j)));
        }
      }
    }
    return a;
  }

  private double modified(DMatrixRMaj s, double[] u, double[] w, int i, int j) {
    return (s.get(i, j) + u[i] + w[j]) / eps;
  }

  private static boolean allowed(boolean[][] keep, int i, int j) {
    return keep == null || keep[i][j];
  }
}
