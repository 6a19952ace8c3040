package io.forecast.attention.sink;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of {@code switch}: per query, the log-normaliser
 * {@code L_i = log(e^b + Σ_k e^{S_ik + β·δ_ik})} (max-shifted) over the allowed keys, then
 * {@code A_ij = e^{S_ij + β·δ_ij − L_i}} and {@code π_i = e^{b − L_i}}, all in loops.
 */
public final class SwitchReference implements ReferenceOperator {
  private final double bias;
  private final double diagonal;

  public SwitchReference(double bias, double diagonal) {
    this.bias = bias;
    this.diagonal = diagonal;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DMatrixRMaj aug = augmented(q, k, v, keep);
    int n = q.numRows;
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    DMatrixRMaj out = new DMatrixRMaj(n, v.numCols);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.set(i, j, aug.get(i, j));
        for (int c = 0; c < v.numCols; c++) {
          out.add(i, c, aug.get(i, j) * v.get(j, c));
        }
      }
    }
    return new ReferenceResult(out, a);
  }

  /** The {@code N×(N+1)} augmented weights, the null column last ({@code π_i}); rows sum to 1. */
  public DMatrixRMaj augmented(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    DenseOps.checkKeysValues(k, v);
    int n = q.numRows;
    if (k.numRows != n) {
      throw new IllegalArgumentException("attention operator 'switch' biases the diagonal, so it needs as many keys "
          + "as queries, got " + n + " queries and " + k.numRows + " keys");
    }
    DenseOps.checkMask(keep, n, n);
    double scale = 1 / Math.sqrt(q.numCols);
    DMatrixRMaj aug = new DMatrixRMaj(n, n + 1);
    double[] logit = new double[n];
    for (int i = 0; i < n; i++) {
      double max = bias;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < q.numCols; c++) {
          s += q.get(i, c) * k.get(j, c);
        }
        logit[j] = s * scale + (i == j ? diagonal : 0);
        if (keep == null || keep[i][j]) {
          max = Math.max(max, logit[j]);
        }
      }
      double sum = Math.exp(bias - max);
      for (int j = 0; j < n; j++) {
        if (keep == null || keep[i][j]) {
          sum += Math.exp(logit[j] - max);
        }
      }
      double log = max + Math.log(sum);
      for (int j = 0; j < n; j++) {
        aug.set(i, j, keep == null || keep[i][j] ? Math.exp(logit[j] - log) : 0);
      }
      aug.set(i, n, Math.exp(bias - log));
    }
    return aug;
  }
}
