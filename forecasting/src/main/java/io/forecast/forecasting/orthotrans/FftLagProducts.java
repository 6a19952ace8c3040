package io.forecast.forecasting.orthotrans;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The lag products {@code r[d] = Σ_{t<M} y[t+d]·y[t]} for {@code d = 0 .. L−1} of a series {@code y}
 * of length {@code n = M + L − 1}, by FFT cross-correlation in {@code O(P log P)} with {@code P} the
 * smallest power of two {@code ≥ n}, instead of the direct {@code O(L·M)} sums. The correlation of
 * {@code a = y[0..M)} (zero beyond) with {@code y} needs no padding beyond {@code n}: for {@code t < M}
 * and {@code d < L}, {@code t + d ≤ n − 1 < P}, so the circular correlation never wraps.
 *
 * <p>Both real spectra come from one complex FFT of {@code a + i·y}; the product {@code conj(A)·Y}
 * goes back with one inverse FFT. Rounding: about {@code ε·log₂P} relative to {@code r[0]} (the
 * direct sums: about {@code ε·√M}); the tests hold it to {@code 1e-12} of the largest entry.
 * Thread-safe (the twiddle tables are shared, immutable once made).
 */
final class FftLagProducts {
  private static final ConcurrentHashMap<Integer, double[][]> TWIDDLES = new ConcurrentHashMap<>();

  private FftLagProducts() {}

  /** {@code r[d]} for {@code d < length}, on {@code y} (length {@code n}), with {@code m = n − length + 1}. */
  static double[] lagProducts(double[] y, int length) {
    int n = y.length;
    int m = n - length + 1;
    int p = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
    if (p < n) {
      p <<= 1;
    }
    double[] re = new double[p];
    double[] im = new double[p];
    System.arraycopy(y, 0, re, 0, m);
    System.arraycopy(y, 0, im, 0, n);
    double[][] w = twiddles(p);
    fft(re, im, w, false);
    // A = (Z[k] + conj Z[p−k]) / 2, Y = (Z[k] − conj Z[p−k]) / 2i; C = conj(A)·Y, stored back in place
    double[] cr = new double[p];
    double[] ci = new double[p];
    for (int k = 0; k < p; k++) {
      int j = (p - k) & (p - 1);
      double ar = 0.5 * (re[k] + re[j]);
      double ai = 0.5 * (im[k] - im[j]);
      double yr = 0.5 * (im[k] + im[j]);
      double yi = -0.5 * (re[k] - re[j]);
      cr[k] = ar * yr + ai * yi;
      ci[k] = ar * yi - ai * yr;
    }
    fft(cr, ci, w, true);
    double[] r = new double[length];
    for (int d = 0; d < length; d++) {
      r[d] = cr[d] / p;
    }
    return r;
  }

  /** cos and −sin of {@code 2πk/p} for {@code k < p/2}. */
  private static double[][] twiddles(int p) {
    return TWIDDLES.computeIfAbsent(p, size -> {
      int half = size / 2;
      double[] cos = new double[half];
      double[] sin = new double[half];
      for (int k = 0; k < half; k++) {
        double angle = 2 * Math.PI * k / size;
        cos[k] = Math.cos(angle);
        sin[k] = -Math.sin(angle);
      }
      return new double[][] {cos, sin};
    });
  }

  /** In-place iterative radix-2 FFT (unscaled); {@code inverse} conjugates the twiddles. */
  private static void fft(double[] re, double[] im, double[][] w, boolean inverse) {
    int p = re.length;
    for (int i = 1, j = 0; i < p; i++) {
      int bit = p >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    double[] cos = w[0];
    double[] sin = w[1];
    double sign = inverse ? -1 : 1;
    for (int len = 2; len <= p; len <<= 1) {
      int half = len >> 1;
      int step = p / len;
      for (int start = 0; start < p; start += len) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sign * sin[k * step];
          int a = start + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
