package io.forecast.attention.diagnostics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Oversmoothing diagnostics of token states {@code H [N, D]} (row = token), spec §6.3.
 *
 * @param rankOneDistance r(H) = ‖H − 1·h̄ᵀ‖_F / ‖H‖_F, h̄ the mean token (0 when all tokens are equal)
 * @param meanPairwiseCosine mean cosine similarity over pairs i &lt; j (zero-norm tokens count as 0)
 * @param dirichletEnergy (1/N²) Σ_{i,j} ‖h_i − h_j‖², divided by ‖H‖²_F / N
 * @param effectiveRank exp(−Σ p_k log p_k), p_k = σ_k / Σ σ over the singular values of H
 */
public record TokenDiagnostics(double rankOneDistance, double meanPairwiseCosine, double dirichletEnergy,
    double effectiveRank) {

  /** The diagnostics of {@code h}; an all-zero H gives zeros (and effective rank 0). */
  public static TokenDiagnostics of(DMatrixRMaj h) {
    int n = h.numRows;
    int d = h.numCols;
    if (n == 0 || d == 0) {
      throw new IllegalArgumentException("the token states are empty (" + n + "×" + d + ")");
    }
    double norm = NormOps_DDRM.normF(h);
    if (norm == 0) {
      return new TokenDiagnostics(0, 0, 0, 0);
    }
    DMatrixRMaj mean = new DMatrixRMaj(1, d);
    CommonOps_DDRM.sumCols(h, mean);
    CommonOps_DDRM.divide(mean, n);
    double centred = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        double x = h.get(i, c) - mean.get(0, c);
        centred += x * x;
      }
    }
    // Σ_{i,j} ‖h_i − h_j‖² = 2N Σ_i ‖h_i − h̄‖²
    double energy = (2.0 * n * centred / ((double) n * n)) / (norm * norm / n);
    double cosine = 0;
    long pairs = 0;
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        s += h.get(i, c) * h.get(i, c);
      }
      norms[i] = Math.sqrt(s);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += h.get(i, c) * h.get(j, c);
        }
        cosine += norms[i] == 0 || norms[j] == 0 ? 0 : dot / (norms[i] * norms[j]);
        pairs++;
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, false, true);
    if (!svd.decompose(h.copy())) {
      throw new IllegalStateException("the singular value decomposition of the token states did not converge");
    }
    double[] sigma = svd.getSingularValues();
    int count = svd.numberOfSingularValues();
    double total = 0;
    for (int k = 0; k < count; k++) {
      total += sigma[k];
    }
    double ent = 0;
    for (int k = 0; k < count; k++) {
      double p = sigma[k] / total;
      if (p > 0) {
        ent -= p * Math.log(p);
      }
    }
    return new TokenDiagnostics(Math.sqrt(centred) / norm, pairs == 0 ? 1 : cosine / pairs, energy, Math.exp(ent));
  }
}
