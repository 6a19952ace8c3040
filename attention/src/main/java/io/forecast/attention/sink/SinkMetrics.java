package io.forecast.attention.sink;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The oversmoothing and sink metrics of spec §6.3, float64, for token states {@code H [N, D]} (one row
 * per token) and attention weights (one row per query; for the augmented matrices of the oracles the sink
 * or null column is the last one).
 */
public final class SinkMetrics {
  private SinkMetrics() {}

  /**
   * Relative distance to "all tokens equal" (Dong et al. 2021): {@code ‖H − 1·h̄ᵀ‖_F / ‖H‖_F} with
   * {@code h̄} the mean token; 0 for a zero H.
   */
  public static double rankOneDistance(DMatrixRMaj h) {
    double[] mean = meanToken(h);
    double num = 0;
    double den = 0;
    for (int i = 0; i < h.numRows; i++) {
      for (int c = 0; c < h.numCols; c++) {
        double x = h.get(i, c);
        num += (x - mean[c]) * (x - mean[c]);
        den += x * x;
      }
    }
    return den == 0 ? 0 : Math.sqrt(num / den);
  }

  /** Mean cosine similarity over the pairs {@code i < j} of tokens (a zero token counts as cosine 0). */
  public static double meanPairwiseCosine(DMatrixRMaj h) {
    int n = h.numRows;
    if (n < 2) {
      throw new IllegalArgumentException("the mean pairwise cosine needs at least 2 tokens, got " + n);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int c = 0; c < h.numCols; c++) {
          dot += h.get(i, c) * h.get(j, c);
          ni += h.get(i, c) * h.get(i, c);
          nj += h.get(j, c) * h.get(j, c);
        }
        total += ni == 0 || nj == 0 ? 0 : dot / Math.sqrt(ni * nj);
      }
    }
    return total / (n * (n - 1) / 2.0);
  }

  /**
   * Normalised Dirichlet energy {@code (1/N²)·Σ_{i,j} ‖h_i − h_j‖² / (‖H‖²_F / N)}; 0 for a zero H.
   */
  public static double dirichletEnergy(DMatrixRMaj h) {
    int n = h.numRows;
    double pairs = 0;
    double norm2 = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < h.numCols; c++) {
        norm2 += h.get(i, c) * h.get(i, c);
      }
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < h.numCols; c++) {
          double d = h.get(i, c) - h.get(j, c);
          pairs += d * d;
        }
      }
    }
    return norm2 == 0 ? 0 : pairs / ((double) n * n) / (norm2 / n);
  }

  /** Effective rank {@code exp(−Σ p_k log p_k)}, {@code p_k = σ_k / Σσ} over the singular values; 0 for a zero H. */
  public static double effectiveRank(DMatrixRMaj h) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(h.numRows, h.numCols, false,
        false, true);
    if (!svd.decompose(h.copy())) {
      throw new IllegalStateException("the SVD of a " + h.numRows + "×" + h.numCols + " matrix did not converge");
    }
    double[] sigma = svd.getSingularValues();
    double sum = 0;
    for (double s : sigma) {
      sum += s;
    }
    if (sum == 0) {
      return 0;
    }
    double entropy = 0;
    for (double s : sigma) {
      double p = s / sum;
      if (p > 0) {
        entropy -= p * Math.log(p);
      }
    }
    return Math.exp(entropy);
  }

  /** Mean of the last column (the sink's or null column's mass {@code π_i}) of an augmented weight matrix. */
  public static double sinkMass(DMatrixRMaj augmented) {
    double total = 0;
    for (int i = 0; i < augmented.numRows; i++) {
      total += augmented.get(i, augmented.numCols - 1);
    }
    return total / augmented.numRows;
  }

  /** Fraction of queries whose switch-off mass (last column) exceeds {@code threshold} (spec: 0.9). */
  public static double switchRate(DMatrixRMaj augmented, double threshold) {
    int count = 0;
    for (int i = 0; i < augmented.numRows; i++) {
      if (augmented.get(i, augmented.numCols - 1) > threshold) {
        count++;
      }
    }
    return count / (double) augmented.numRows;
  }

  /** Mean diagonal weight {@code A_ii} over {@code i < min(N, M)}. */
  public static double diagonalMass(DMatrixRMaj a) {
    int n = Math.min(a.numRows, a.numCols);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += a.get(i, i);
    }
    return total / n;
  }

  /** Mean row entropy {@code −Σ_j a_ij log a_ij} (natural log, {@code 0·log 0 = 0}). */
  public static double meanRowEntropy(DMatrixRMaj a) {
    double total = 0;
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        double x = a.get(i, j);
        if (x > 0) {
          total -= x * Math.log(x);
        }
      }
    }
    return total / a.numRows;
  }

  private static double[] meanToken(DMatrixRMaj h) {
    double[] mean = new double[h.numCols];
    for (int i = 0; i < h.numRows; i++) {
      for (int c = 0; c < h.numCols; c++) {
        mean[c] += h.get(i, c) / h.numRows;
      }
    }
    return mean;
  }
}
