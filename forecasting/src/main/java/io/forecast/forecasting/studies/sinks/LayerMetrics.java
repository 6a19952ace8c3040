package io.forecast.forecasting.studies.sinks;

import io.forecast.attention.diagnostics.MixingDiagnostics;
import io.forecast.attention.diagnostics.TokenDiagnostics;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Spec §6.3 metrics of one layer, averaged over the probed windows (token metrics) and over windows and
 * heads (attention metrics); layer 0 is the embedded input, which has no attention.
 *
 * @param layer 0 for the input tokens, 1 for the first layer's output
 * @param rankOneDistance mean r(H) = ‖H − 1·h̄ᵀ‖_F / ‖H‖_F
 * @param contraction this layer's mean r over the previous layer's ({@code null} for layer 0 or a previous r of 0)
 * @param meanCosine mean pairwise cosine similarity of the tokens
 * @param dirichletEnergy mean (1/N²)Σ‖h_i − h_j‖² / (‖H‖²_F/N)
 * @param effectiveRank mean exp(entropy of the normalised singular values)
 * @param entropy mean row entropy of the mixing matrix (nats; rows renormalised)
 * @param sinkMass mean attention the most attended key receives, max_j (1/N)Σ_i A_ij
 * @param switchOffMass mean 1 − Σ_j A_ij: the mass sent to a null / sink column (V1, V2, V4)
 * @param switchRate fraction of (query, head) pairs whose switch-off mass exceeds 0.9
 * @param diagonalMass mean A_ii
 */
public record LayerMetrics(int layer, double rankOneDistance, Double contraction, double meanCosine,
    double dirichletEnergy, double effectiveRank, Double entropy, Double sinkMass, Double switchOffMass,
    Double switchRate, Double diagonalMass) {

  /** The metrics of every layer (0 = input) over the probed batches. */
  static List<LayerMetrics> of(List<SinksModel.Probed> batches) {
    SinksModel.Probed first = batches.get(0);
    int states = first.states().size();
    int n = first.tokens();
    int d = first.dModel();
    double[][] token = new double[states][4];
    double[][] mixing = new double[states][5];
    boolean[] hasWeights = new boolean[states];
    long windows = 0;
    long matrices = 0;
    for (SinksModel.Probed p : batches) {
      for (int l = 0; l < states; l++) {
        float[] h = p.states().get(l);
        for (int s = 0; s < p.batch(); s++) {
          TokenDiagnostics t = TokenDiagnostics.of(matrix(h, s * n * d, n, d, false));
          add(token[l], t.rankOneDistance(), t.meanPairwiseCosine(), t.dirichletEnergy(), t.effectiveRank());
        }
        float[] w = l == 0 ? null : p.weights().get(l - 1);
        if (w != null) {
          hasWeights[l] = true;
          for (int s = 0; s < p.batch() * p.heads(); s++) {
            MixingDiagnostics m = MixingDiagnostics.of(matrix(w, s * n * n, n, n, true));
            add(mixing[l], m.meanRowEntropy(), m.sinkMass(), m.switchOffMass(), m.switchRate(), m.diagonalMass());
          }
        }
      }
      windows += p.batch();
      matrices += (long) p.batch() * p.heads();
    }
    List<LayerMetrics> out = new ArrayList<>();
    for (int l = 0; l < states; l++) {
      double r = token[l][0] / windows;
      double previous = l == 0 ? 0 : token[l - 1][0] / windows;
      boolean w = hasWeights[l];
      out.add(new LayerMetrics(l, r, previous > 0 ? r / previous : null, token[l][1] / windows, token[l][2] / windows,
          token[l][3] / windows, w ? mixing[l][0] / matrices : null, w ? mixing[l][1] / matrices : null,
          w ? mixing[l][2] / matrices : null, w ? mixing[l][3] / matrices : null, w ? mixing[l][4] / matrices : null));
    }
    return out;
  }

  private static void add(double[] sums, double... values) {
    for (int i = 0; i < values.length; i++) {
      sums[i] += values[i];
    }
  }

  /**
   * The {@code rows × cols} block at {@code offset} in float64; for mixing matrices, float32 rounding below
   * zero is clamped to 0.
   */
  private static DMatrixRMaj matrix(float[] values, int offset, int rows, int cols, boolean weights) {
    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      float v = values[offset + i];
      a.data[i] = weights && v < 0 && v > -1e-6f ? 0 : v;
    }
    return a;
  }
}
