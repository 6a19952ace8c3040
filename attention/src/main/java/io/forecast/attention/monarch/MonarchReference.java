package io.forecast.attention.monarch;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of MonarchAttention, written from the variational form (spec §5.2) rather than from
 * the official state vectors: it keeps the factors L[j][k][l] and R[k][j][i] explicitly, evaluates
 * each closed-form coordinate maximiser of {@code <A, S> + H(A)} with loops over the entries of the
 * score matrix S = Q·Kᵀ/√d (R[k,j,:] ∝ exp(Σ_l L[j,k,l]·S[(l,j),(k,i)] / Σ_l L[j,k,l]),
 * L[j,:,l] ∝ exp(Σ_i R[k,j,i]·(S[(l,j),(k,i)] − log R[k,j,i]))), materialises A from the final factors
 * and returns O = A·V. Same eps terms, padding, mask semantics and true-maximum shift as
 * {@link MonarchAttention} (see there).
 */
public final class MonarchReference implements ReferenceOperator {
  private final int blockSize;
  private final int steps;
  private final boolean prePad;

  /**
   * @param blockSize b, or 0 for round(√N)
   * @param steps T ≥ 1
   * @param pad {@code pre} or {@code post}
   */
  public MonarchReference(int blockSize, int steps, String pad) {
    Monarch.checkParameters(blockSize, steps, pad);
    this.blockSize = blockSize;
    this.steps = steps;
    this.prePad = Monarch.PRE.equals(pad);
  }

  /**
   * The Monarch factors after T steps over the padded grid of {@code np = m·b} tokens; token {@code t}
   * of the grid is input token {@code t − offset} when that lies in {@code [0, n)}.
   *
   * @param l L[j][k][l] (query (l,j) picks key block k)
   * @param r R[k][j][i] (then key i inside block k)
   */
  public record Factors(int n, int b, int m, int offset, double[][][] l, double[][][] r) {
    /** The N×N mixing matrix {@code A[(l,j),(k,i)] = L[j,k,l]·R[k,j,i]} on the input tokens. */
    public DMatrixRMaj matrix() {
      DMatrixRMaj a = new DMatrixRMaj(n, n);
      for (int row = 0; row < n; row++) {
        int t = row + offset;
        int lb = t / b;
        int j = t % b;
        for (int col = 0; col < n; col++) {
          int u = col + offset;
          a.set(row, col, l[j][u / b][lb] * r[u / b][j][u % b]);
        }
      }
      return a;
    }
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    DMatrixRMaj a = factors(q, k, keep).matrix();
    return new ReferenceResult(DenseOps.times(a, v), a);
  }

  /**
   * The factors of {@code q [N, d]}, {@code k [N, d]} and a key-padding mask ({@code N×N}, identical
   * rows, or null).
   *
   * @throws IllegalArgumentException for K with another number of tokens than Q, or a per-query mask
   */
  public Factors factors(DMatrixRMaj q, DMatrixRMaj k, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    int n = q.numRows;
    if (k.numRows != n) {
      throw new IllegalArgumentException("monarch attention is self-attention: it needs as many keys as queries, got "
          + n + " queries and " + k.numRows + " keys");
    }
    if (n < 1) {
      throw new IllegalArgumentException("monarch attention needs at least one token");
    }
    DenseOps.checkMask(keep, n, n);
    if (keep != null) {
      for (boolean[] row : keep) {
        if (!java.util.Arrays.equals(row, keep[0])) {
          throw new IllegalArgumentException("monarch attention takes only key-padding masks, the same for every "
              + "query; a per-query mask (causal, ...) cannot be expressed by a Monarch matrix");
        }
      }
    }
    int b = Monarch.effectiveBlockSize(blockSize, n);
    int m = (n + b - 1) / b;
    int np = m * b;
    int offset = prePad ? np - n : 0;

    // scores on the padded grid: a padding token is a zero vector, so its scores are 0
    DMatrixRMaj s0 = DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols));
    double[][] s = new double[np][np];
    boolean[] valid = new boolean[np];
    for (int t = 0; t < n; t++) {
      valid[t + offset] = keep == null || keep[0][t];
      for (int u = 0; u < n; u++) {
        s[t + offset][u + offset] = s0.get(t, u);
      }
    }
    boolean[] blockHasKey = new boolean[m];
    for (int t = 0; t < np; t++) {
      blockHasKey[t / b] |= valid[t];
    }

    double[][][] l = new double[b][m][m];
    for (int j = 0; j < b; j++) {
      for (int kb = 0; kb < m; kb++) {
        l[j][kb][kb] = 1; // L = I, every query (padding too, as the official code)
      }
    }
    double[][][] r = new double[m][b][b];
    double[] x = new double[Math.max(b, m)];
    for (int step = 1; step <= steps; step++) {
      // R-update: for each key block kb and grid column j, maximise over R[kb][j][:]
      for (int kb = 0; kb < m; kb++) {
        for (int j = 0; j < b; j++) {
          double[] row = r[kb][j];
          java.util.Arrays.fill(row, 0);
          if (!blockHasKey[kb]) {
            continue;
          }
          double mass = 0;
          for (int lb = 0; lb < m; lb++) {
            mass += l[j][kb][lb];
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < b; i++) {
            if (!valid[kb * b + i]) {
              continue;
            }
            double acc = 0;
            for (int lb = 0; lb < m; lb++) {
              acc += l[j][kb][lb] * s[lb * b + j][kb * b + i];
            }
            x[i] = acc / (mass + Monarch.EPS);
            max = Math.max(max, x[i]);
          }
          double sum = 0;
          for (int i = 0; i < b; i++) {
            if (valid[kb * b + i]) {
              row[i] = Math.exp(x[i] - max);
              sum += row[i];
            }
          }
          for (int i = 0; i < b; i++) {
            if (valid[kb * b + i]) {
              row[i] = Math.max(row[i] / (sum + Monarch.EPS), Double.MIN_NORMAL);
            }
          }
        }
      }
      // L-update: for each query (lb, j), maximise over L[j][:][lb]
      for (int j = 0; j < b; j++) {
        for (int lb = 0; lb < m; lb++) {
          int query = lb * b + j;
          boolean zeroed = step < steps && !valid[query];
          double max = Double.NEGATIVE_INFINITY;
          for (int kb = 0; kb < m; kb++) {
            if (!blockHasKey[kb]) {
              continue;
            }
            double acc = 0;
            for (int i = 0; i < b; i++) {
              double p = r[kb][j][i];
              if (p > 0) {
                acc += p * (s[query][kb * b + i] - Math.log(p));
              }
            }
            x[kb] = acc;
            max = Math.max(max, acc);
          }
          double sum = 0;
          for (int kb = 0; kb < m; kb++) {
            l[j][kb][lb] = blockHasKey[kb] ? Math.exp(x[kb] - max) : 0;
            sum += l[j][kb][lb];
          }
          for (int kb = 0; kb < m; kb++) {
            l[j][kb][lb] = zeroed || sum == 0 ? 0 : l[j][kb][lb] / sum;
          }
        }
      }
    }
    return new Factors(n, b, m, offset, l, r);
  }
}
