package io.forecast.attention.qr;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Float64 oracle of QR attention on EJML's QR decomposition: {@code M = Q·Kᵀ} by loops, rank test
 * and noise as defined in {@link Qr} (the test on EJML's {@code R}), {@code A = U∘U}, {@code O = A·V}.
 * Refuses a mask and {@code N ≠ M}, as the DJL operator does.
 */
public final class QrReference implements ReferenceOperator {
  private final double noise;
  private final long seed;

  public QrReference(double noise, long seed) {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("qr attention: noise must be a finite number >= 0, got " + noise);
    }
    this.noise = noise;
    this.seed = seed;
  }

  /** The defaults: noise 1e-7, seed 0. */
  public QrReference() {
    this(1e-7, 0L);
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    DenseOps.checkKeysValues(k, v);
    if (keep != null) {
      throw new IllegalArgumentException("qr attention takes no mask (A = U∘U is doubly stochastic over all "
          + "keys, so no weight can be forced to 0), got a " + keep.length + "-row mask; pass null");
    }
    int n = q.numRows;
    if (k.numRows != n) {
      throw new IllegalArgumentException("qr attention needs as many keys as queries (the QR of Q·Kᵀ must be "
          + "square), got N = " + n + " queries and M = " + k.numRows + " keys");
    }
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < q.numCols; c++) {
          s += q.get(i, c) * k.get(j, c);
        }
        m.set(i, j, s);
      }
    }
    DMatrixRMaj[] ur = qr(m);
    boolean deficient = q.numCols < n;
    if (!deficient) {
      double[] diag = new double[n];
      for (int i = 0; i < n; i++) {
        diag[i] = ur[1].get(i, i);
      }
      deficient = Qr.rankDeficient(diag, Math.ulp(1.0));
    }
    if (deficient && noise > 0) {
      double[] e = Qr.noiseMatrix(seed, n, noise);
      DMatrixRMaj noisy = m.copy();
      for (int i = 0; i < e.length; i++) {
        noisy.data[i] += e[i];
      }
      ur = qr(noisy);
    }
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = ur[0].get(i, j);
        a.set(i, j, x * x);
      }
    }
    return new ReferenceResult(DenseOps.times(a, v), a);
  }

  /** {@code {U, R}} of EJML's (Householder) QR of the square {@code m}. */
  static DMatrixRMaj[] qr(DMatrixRMaj m) {
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m.numRows, m.numCols);
    // decompose() answers false when a column below the diagonal is exactly zero (rank deficiency); the
    // step is then the identity and U, R are still a valid QR with R_jj = 0, which the rank test sees
    qr.decompose(m.copy());
    return new DMatrixRMaj[] {qr.getQ(null, false), qr.getR(null, false)};
  }
}
