package io.forecast.attention.sink;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of {@code null-sink}, the off-by-one formula written out:
 * {@code A_ij = e^{S_ij − μ} / (e^{b − μ} + Σ_k e^{S_ik − μ})} with {@code μ = max(b, max_k S_ik)} over the
 * allowed keys; {@code O = A·V} on EJML.
 */
public final class NullSinkReference implements ReferenceOperator {
  private final double bias;

  public NullSinkReference(double bias) {
    this.bias = bias;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    DMatrixRMaj a = visible(q, k, keep);
    return new ReferenceResult(DenseOps.times(a, v), a);
  }

  /** The {@code N×(M+1)} augmented weights, the null column last ({@code π_i}); rows sum to 1. */
  public DMatrixRMaj augmented(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    DMatrixRMaj a = visible(q, k, keep);
    DMatrixRMaj aug = new DMatrixRMaj(a.numRows, a.numCols + 1);
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        aug.set(i, j, a.get(i, j));
      }
      aug.set(i, a.numCols, switchOff(q, k, keep, i));
    }
    return aug;
  }

  private DMatrixRMaj visible(DMatrixRMaj q, DMatrixRMaj k, boolean[][] keep) {
    DMatrixRMaj s = DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols));
    DenseOps.checkMask(keep, s.numRows, s.numCols);
    DMatrixRMaj a = new DMatrixRMaj(s.numRows, s.numCols);
    for (int i = 0; i < s.numRows; i++) {
      double mu = shift(s, keep, i);
      double z = denominator(s, keep, i, mu);
      for (int j = 0; j < s.numCols; j++) {
        a.set(i, j, keep == null || keep[i][j] ? Math.exp(s.get(i, j) - mu) / z : 0);
      }
    }
    return a;
  }

  private double switchOff(DMatrixRMaj q, DMatrixRMaj k, boolean[][] keep, int i) {
    DMatrixRMaj s = DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols));
    double mu = shift(s, keep, i);
    return Math.exp(bias - mu) / denominator(s, keep, i, mu);
  }

  private double shift(DMatrixRMaj s, boolean[][] keep, int i) {
    double mu = bias;
    for (int j = 0; j < s.numCols; j++) {
      if (keep == null || keep[i][j]) {
        mu = Math.max(mu, s.get(i, j));
      }
    }
    return mu;
  }

  private double denominator(DMatrixRMaj s, boolean[][] keep, int i, double mu) {
    double z = Math.exp(bias - mu);
    for (int j = 0; j < s.numCols; j++) {
      if (keep == null || keep[i][j]) {
        z += Math.exp(s.get(i, j) - mu);
      }
    }
    return z;
  }
}
