package io.forecast.attention.qontot;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/**
 * Float64 oracle of QontOT-style attention ({@link Qontot}): the unitary as two {@code double[]}
 * arrays (real, imaginary; row-major {@code 2ⁿ×2ⁿ}) and a hand-written gate applier that applies each
 * block as its four gates one after the other ({@code R_XX}, {@code R_ZZ}, then {@code R_Y} on each
 * qubit), written independently of the DJL operator (which multiplies composite block matrices).
 */
public final class QontotReference implements ReferenceOperator {
  private final int layers;
  private final int auxQubits;
  private final long seed;
  private final double[] theta;

  /** Static angles from {@code seed}. */
  public QontotReference(int layers, int auxQubits, long seed) {
    this(layers, auxQubits, seed, null);
  }

  /** Given angles {@code theta} (their length must fit the token count). */
  public QontotReference(int layers, int auxQubits, double[] theta) {
    this(layers, auxQubits, 0L, theta.clone());
  }

  private QontotReference(int layers, int auxQubits, long seed, double[] theta) {
    if (layers < 1) {
      throw new IllegalArgumentException("qontot attention needs at least 1 circuit layer, got " + layers);
    }
    if (auxQubits < -1 || auxQubits > 6) {
      throw new IllegalArgumentException("qontot attention: auxQubits must be -1 (log2(N)+1) or 0 to 6, got "
          + auxQubits);
    }
    this.layers = layers;
    this.auxQubits = auxQubits;
    this.seed = seed;
    this.theta = theta;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkPair(q, k);
    DenseOps.checkKeysValues(k, v);
    if (keep != null) {
      throw new IllegalArgumentException("qontot attention takes no mask (A is doubly stochastic over all keys, "
          + "so no weight can be forced to 0), got a " + keep.length + "-row mask; pass null");
    }
    int tokens = q.numRows;
    int qd = Qontot.dataQubits(tokens, k.numRows);
    int qa = Qontot.auxQubits(auxQubits, qd);
    int qubits = qd + qa;
    int count = Qontot.parameterCount(qubits, layers);
    double[] th = theta != null ? theta : Qontot.theta(seed, count);
    if (th.length != count) {
      throw new IllegalArgumentException("qontot attention: θ must have " + count + " angles for N = " + tokens
          + ", " + layers + " layers and " + qa + " auxiliary qubits, got " + th.length);
    }
    double scale = 1 / Math.sqrt(q.numCols);
    double[] m = new double[tokens * tokens];
    for (int i = 0; i < tokens; i++) {
      for (int j = 0; j < tokens; j++) {
        double s = 0;
        for (int c = 0; c < q.numCols; c++) {
          s += q.get(i, c) * k.get(j, c);
        }
        m[i * tokens + j] = s * scale;
      }
    }
    double[] phi = new double[count];
    for (int p = 0; p < count; p++) {
      phi[p] = th[p] * m[p % m.length];
    }
    double[][] u = unitary(phi, qubits, layers);
    int dim = 1 << qubits;
    int aux = 1 << qa;
    DMatrixRMaj a = new DMatrixRMaj(tokens, tokens);
    for (int r = 0; r < dim; r++) {
      for (int c = 0; c < dim; c++) {
        double re = u[0][r * dim + c];
        double im = u[1][r * dim + c];
        int i = r >> qa;
        int j = c >> qa;
        a.set(i, j, a.get(i, j) + (re * re + im * im) / aux);
      }
    }
    return new ReferenceResult(DenseOps.times(a, v), a);
  }

  /**
   * The circuit's unitary {@code {re, im}} (row-major {@code 2ⁿ×2ⁿ}) for the angles {@code phi},
   * starting from the identity and applying, block after block, {@code R_XX(φ₄)}, {@code R_ZZ(φ₃)},
   * {@code R_Y(φ₁)} on qubit a and {@code R_Y(φ₂)} on qubit a+1 from the left.
   */
  public static double[][] unitary(double[] phi, int qubits, int layers) {
    int dim = 1 << qubits;
    double[] re = new double[dim * dim];
    double[] im = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      re[i * dim + i] = 1;
    }
    int p = 0;
    for (int layer = 0; layer < layers; layer++) {
      for (int start = 0; start < 2; start++) {
        for (int a = start; a + 1 < qubits; a += 2) {
          double f1 = phi[p];
          double f2 = phi[p + 1];
          double f3 = phi[p + 2];
          double f4 = phi[p + 3];
          p += 4;
          double c = Math.cos(f4 / 2);
          double s = Math.sin(f4 / 2);
          // R_XX = c·I − i·s·X⊗X; X⊗X maps |x⟩ to |3 − x⟩
          double[][] xxRe = new double[4][4];
          double[][] xxIm = new double[4][4];
          for (int x = 0; x < 4; x++) {
            xxRe[x][x] = c;
            xxIm[x][3 - x] = -s;
          }
          applyPair(re, im, qubits, a, xxRe, xxIm);
          c = Math.cos(f3 / 2);
          s = Math.sin(f3 / 2);
          // R_ZZ = diag(c − i·s·z), z = (+1, −1, −1, +1) on |00⟩, |01⟩, |10⟩, |11⟩
          double[][] zzRe = new double[4][4];
          double[][] zzIm = new double[4][4];
          for (int x = 0; x < 4; x++) {
            int z = ((x >> 1) ^ (x & 1)) == 0 ? 1 : -1;
            zzRe[x][x] = c;
            zzIm[x][x] = -s * z;
          }
          applyPair(re, im, qubits, a, zzRe, zzIm);
          applyRy(re, im, qubits, a, f1);
          applyRy(re, im, qubits, a + 1, f2);
        }
      }
    }
    return new double[][] {re, im};
  }

  /** {@code U ← G·U}, G a complex 4×4 on qubits (a, a+1), local index 2·bit(a) + bit(a+1). */
  static void applyPair(double[] re, double[] im, int qubits, int a, double[][] gRe, double[][] gIm) {
    int dim = 1 << qubits;
    int hiBit = 1 << (qubits - 1 - a);
    int loBit = 1 << (qubits - 2 - a);
    int[] rows = new int[4];
    double[] oldRe = new double[4];
    double[] oldIm = new double[4];
    for (int r = 0; r < dim; r++) {
      if ((r & hiBit) != 0 || (r & loBit) != 0) {
        continue;
      }
      rows[0] = r;
      rows[1] = r | loBit;
      rows[2] = r | hiBit;
      rows[3] = r | hiBit | loBit;
      for (int col = 0; col < dim; col++) {
        for (int x = 0; x < 4; x++) {
          oldRe[x] = re[rows[x] * dim + col];
          oldIm[x] = im[rows[x] * dim + col];
        }
        for (int x = 0; x < 4; x++) {
          double sr = 0;
          double si = 0;
          for (int y = 0; y < 4; y++) {
            sr += gRe[x][y] * oldRe[y] - gIm[x][y] * oldIm[y];
            si += gRe[x][y] * oldIm[y] + gIm[x][y] * oldRe[y];
          }
          re[rows[x] * dim + col] = sr;
          im[rows[x] * dim + col] = si;
        }
      }
    }
  }

  /** {@code U ← R_Y(φ)·U} on qubit {@code t}: R_Y = [[cos φ/2, −sin φ/2], [sin φ/2, cos φ/2]] (real). */
  static void applyRy(double[] re, double[] im, int qubits, int t, double phi) {
    int dim = 1 << qubits;
    int bit = 1 << (qubits - 1 - t);
    double c = Math.cos(phi / 2);
    double s = Math.sin(phi / 2);
    for (int r = 0; r < dim; r++) {
      if ((r & bit) != 0) {
        continue;
      }
      int r1 = r | bit;
      for (int col = 0; col < dim; col++) {
        double a0 = re[r * dim + col];
        double a1 = re[r1 * dim + col];
        double b0 = im[r * dim + col];
        double b1 = im[r1 * dim + col];
        re[r * dim + col] = c * a0 - s * a1;
        re[r1 * dim + col] = s * a0 + c * a1;
        im[r * dim + col] = c * b0 - s * b1;
        im[r1 * dim + col] = s * b0 + c * b1;
      }
    }
  }
}
