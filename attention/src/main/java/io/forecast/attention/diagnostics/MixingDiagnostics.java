package io.forecast.attention.diagnostics;

import org.ejml.data.DMatrixRMaj;

/**
 * Diagnostics of one mixing matrix {@code A [N, M]} (row = query, column = key), spec §6.3.
 *
 * @param maxRowError max over rows of |Σ_j A_ij − 1|
 * @param maxColumnError max over columns of |Σ_i A_ij − N/M| (|column sum − 1| for square A)
 * @param meanRowEntropy mean over rows of −Σ_j A_ij log A_ij (rows with mass normalised; empty rows skipped)
 * @param sinkMass mean attention on the most attended key: max_j (1/N) Σ_i A_ij
 * @param sinkColumn that key's index
 * @param switchOffMass mean over rows of 1 − Σ_j A_ij, clamped at 0 (the mass an off-by-one softmax
 *     sends to its null sink; 0 for row-stochastic A)
 * @param switchRate fraction of rows whose switch-off mass exceeds 0.9
 * @param diagonalMass mean of A_ii over i < min(N, M)
 */
public record MixingDiagnostics(double maxRowError, double maxColumnError, double meanRowEntropy, double sinkMass,
    int sinkColumn, double switchOffMass, double switchRate, double diagonalMass) {

  /** The diagnostics of {@code a} (entries must be finite and non-negative). */
  public static MixingDiagnostics of(DMatrixRMaj a) {
    int n = a.numRows;
    int m = a.numCols;
    if (n == 0 || m == 0) {
      throw new IllegalArgumentException("the mixing matrix is empty (" + n + "×" + m + ")");
    }
    double[] colSum = new double[m];
    double maxRow = 0;
    double entropy = 0;
    int entropyRows = 0;
    double off = 0;
    int switched = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < m; j++) {
        double x = a.get(i, j);
        if (!(x >= 0) || !Double.isFinite(x)) {
          throw new IllegalArgumentException("the mixing matrix has a negative or non-finite entry at row " + i
              + ", column " + j + ": " + x);
        }
        row += x;
        colSum[j] += x;
      }
      maxRow = Math.max(maxRow, Math.abs(row - 1));
      double offMass = Math.max(0, 1 - row);
      off += offMass;
      if (offMass > 0.9) {
        switched++;
      }
      if (row > 0) {
        double h = 0;
        for (int j = 0; j < m; j++) {
          double p = a.get(i, j) / row;
          if (p > 0) {
            h -= p * Math.log(p);
          }
        }
        entropy += h;
        entropyRows++;
      }
    }
    double target = (double) n / m;
    double maxCol = 0;
    int sink = 0;
    for (int j = 0; j < m; j++) {
      maxCol = Math.max(maxCol, Math.abs(colSum[j] - target));
      if (colSum[j] > colSum[sink]) {
        sink = j;
      }
    }
    int diag = Math.min(n, m);
    double diagonal = 0;
    for (int i = 0; i < diag; i++) {
      diagonal += a.get(i, i);
    }
    return new MixingDiagnostics(maxRow, maxCol, entropyRows == 0 ? 0 : entropy / entropyRows, colSum[sink] / n,
        sink, off / n, (double) switched / n, diagonal / diag);
  }
}
