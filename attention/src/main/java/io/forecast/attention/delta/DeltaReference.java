package io.forecast.attention.delta;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of delta attention, written as plain loops over queries: for each query the allowed
 * key set (window and sinks, or every key for a dense row; causality and the mask on top) is tested key
 * by key, then a max-shifted softmax and the weighted sum of value rows. No mixing matrix
 * ({@code weights() == null}).
 */
public final class DeltaReference implements ReferenceOperator {
  private final DeltaConfig config;

  public DeltaReference(DeltaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    DenseOps.checkKeysValues(k, v);
    int n = q.numRows;
    if (k.numRows != n) {
      throw new IllegalArgumentException("delta attention is self-attention: it needs as many keys as queries, got "
          + n + " queries and " + k.numRows + " keys");
    }
    DenseOps.checkMask(keep, n, n);
    DMatrixRMaj out = new DMatrixRMaj(n, v.numCols);
    double[][] sparse = new double[n][];
    for (int i = 0; i < n; i++) {
      sparse[i] = row(q, k, v, keep, i, true);
    }
    if (config.mode() == DeltaAttention.Mode.SPARSE_ONLY) {
      fill(out, sparse);
      return new ReferenceResult(out, null);
    }
    int gamma = config.gamma();
    // the tail: N mod γ, plus max(tail, γ) rounded up to whole groups; everything before it is in groups of γ
    int tailGroups = Math.max(config.tail(), gamma) / gamma + (Math.max(config.tail(), gamma) % gamma == 0 ? 0 : 1);
    int groups = Math.max(0, n / gamma - tailGroups);
    int sp = groups * gamma;
    double[][] result = new double[n][];
    for (int g = 0; g < groups; g++) {
      int anchor = g * gamma;
      double[] full = row(q, k, v, keep, anchor, false);
      result[anchor] = full;
      for (int i = anchor + 1; i < anchor + gamma; i++) {
        double[] o = new double[v.numCols];
        for (int c = 0; c < o.length; c++) {
          o[c] = sparse[i][c] + (full[c] - sparse[anchor][c]);
        }
        result[i] = o;
      }
    }
    for (int i = sp; i < n; i++) {
      result[i] = row(q, k, v, keep, i, false);
    }
    fill(out, result);
    return new ReferenceResult(out, null);
  }

  /** Whether query i may see key j in the sparse pattern (window or sink), before causality and the mask. */
  private boolean inPattern(int i, int j) {
    boolean window = config.causal() ? j <= i && i - j < config.window() : Math.abs(i - j) < config.window();
    return window || j < config.sinks();
  }

  /** Softmax attention of query i over its allowed keys (sparse pattern or all); zeros when none is allowed. */
  private double[] row(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep, int i, boolean sparse) {
    int m = k.numRows;
    int d = q.numCols;
    double scale = 1 / Math.sqrt(d);
    double[] logits = new double[m];
    boolean[] allowed = new boolean[m];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      allowed[j] = (!sparse || inPattern(i, j)) && (!config.causal() || j <= i) && (keep == null || keep[i][j]);
      if (allowed[j]) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += q.get(i, c) * k.get(j, c);
        }
        logits[j] = dot * scale;
        max = Math.max(max, logits[j]);
      }
    }
    double[] o = new double[v.numCols];
    if (max == Double.NEGATIVE_INFINITY) {
      return o;
    }
    double total = 0;
    for (int j = 0; j < m; j++) {
      if (allowed[j]) {
        double e = Math.exp(logits[j] - max);
        total += e;
        for (int c = 0; c < o.length; c++) {
          o[c] += e * v.get(j, c);
        }
      }
    }
    for (int c = 0; c < o.length; c++) {
      o[c] /= total;
    }
    return o;
  }

  private static void fill(DMatrixRMaj out, double[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < out.numCols; c++) {
        out.set(i, c, rows[i][c]);
      }
    }
  }
}
