package io.forecast.forecasting.olinear;

/** Test fixtures: orthonormal matrices with eigenvector-like rows. */
public final class OrthonormalBases {
  private OrthonormalBases() {}

  /** The orthonormal DCT-II matrix, row k = k-th basis vector, row-major. */
  public static float[] dct(int n) {
    float[] q = new float[n * n];
    for (int k = 0; k < n; k++) {
      double scale = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
      for (int t = 0; t < n; t++) {
        q[k * n + t] = (float) (scale * Math.cos(Math.PI * (t + 0.5) * k / n));
      }
    }
    return q;
  }
}
