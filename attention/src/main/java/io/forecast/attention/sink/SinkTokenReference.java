package io.forecast.attention.sink;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of {@code sink-token}: the sink is literally prepended as key 0 of an augmented key set
 * (logit {@code logit} against every query, value row {@code value}·1), a max-shifted softmax is taken
 * over the {@code 1 + M} logits of each query and the sink's weight column is then split off.
 */
public final class SinkTokenReference implements ReferenceOperator {
  private final double logit;
  private final double value;

  public SinkTokenReference(double logit, double value) {
    this.logit = logit;
    this.value = value;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DMatrixRMaj aug = augmented(q, k, v, keep);
    int n = q.numRows;
    int m = k.numRows;
    DMatrixRMaj visible = new DMatrixRMaj(n, m);
    DMatrixRMaj out = new DMatrixRMaj(n, v.numCols);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        visible.set(i, j, aug.get(i, j));
      }
      for (int c = 0; c < v.numCols; c++) {
        double o = aug.get(i, m) * value; // the sink's value row, then the real ones
        for (int j = 0; j < m; j++) {
          o += aug.get(i, j) * v.get(j, c);
        }
        out.set(i, c, o);
      }
    }
    return new ReferenceResult(out, visible);
  }

  /** The {@code N×(M+1)} augmented weights, the sink's column last; rows sum to 1. */
  public DMatrixRMaj augmented(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    DenseOps.checkKeysValues(k, v);
    int n = q.numRows;
    int m = k.numRows;
    DenseOps.checkMask(keep, n, m);
    double scale = 1 / Math.sqrt(q.numCols);
    DMatrixRMaj aug = new DMatrixRMaj(n, m + 1);
    double[] logits = new double[m + 1]; // index 0: the prepended sink, 1 + j: key j
    boolean[] allowed = new boolean[m + 1];
    for (int i = 0; i < n; i++) {
      logits[0] = logit;
      allowed[0] = true;
      double max = logit;
      for (int j = 0; j < m; j++) {
        allowed[1 + j] = keep == null || keep[i][j];
        double s = 0;
        for (int c = 0; c < q.numCols; c++) {
          s += q.get(i, c) * k.get(j, c);
        }
        logits[1 + j] = s * scale;
        if (allowed[1 + j]) {
          max = Math.max(max, logits[1 + j]);
        }
      }
      double total = 0;
      double[] e = new double[m + 1];
      for (int t = 0; t <= m; t++) {
        e[t] = allowed[t] ? Math.exp(logits[t] - max) : 0;
        total += e[t];
      }
      aug.set(i, m, e[0] / total);
      for (int j = 0; j < m; j++) {
        aug.set(i, j, e[1 + j] / total);
      }
    }
    return aug;
  }
}
