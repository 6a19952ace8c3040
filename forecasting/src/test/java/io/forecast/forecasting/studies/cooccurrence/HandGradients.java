package io.forecast.forecasting.studies.cooccurrence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradients of the mean logistic loss written out from spec §7.2's formulas in plain doubles:
 * c_h = Σ_l p_{l,h}, r_h = (Wᵀa)·v_h, F = Σ_h c_h·r_h; dF/dW = a·(Σ_h c_h v_h)ᵀ,
 * dF/dW_V = (Wᵀa)·(Σ_h c_h x_h)ᵀ, dF/dS_{h,l} = p_{l,h}·(r_h − Σ_h′ p_{l,h′} r_h′),
 * dk_h = Σ_l dS_{h,l} q_l / √m, dq_l = Σ_h dS_{h,l} k_h / √m, dW_K = Σ dk·xᵀ, dW_Q = Σ dq·xᵀ,
 * dℓ/dF = −y·σ(−yF).
 */
final class HandGradients {
  private HandGradients() {}

  static Map<String, double[]> of(CooccurrenceData data, CooccurrenceModel model, int m, int m1) {
    int d = data.dim();
    int len = data.length();
    int n = data.size();
    double[] wq = model.parameter("W_Q");
    double[] wk = model.parameter("W_K");
    double[] wv = model.parameter("W_V");
    double[] w = model.parameter("W");
    double[] a = model.signs();
    double[] u = new double[m];
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        u[r] += a[j] * w[j * m + r];
      }
    }
    double[] gq = new double[m * d];
    double[] gk = new double[m * d];
    double[] gv = new double[m * d];
    double[] gw = new double[m1 * m];
    double root = Math.sqrt(m);
    for (int s = 0; s < n; s++) {
      int[] word = new int[len];
      double[][] q = new double[len][m];
      double[][] k = new double[len][m];
      double[][] v = new double[len][m];
      for (int h = 0; h < len; h++) {
        word[h] = data.word(s, h);
        for (int r = 0; r < m; r++) {
          // W·e_i is column i of W
          q[h][r] = wq[r * d + word[h]];
          k[h][r] = wk[r * d + word[h]];
          v[h][r] = wv[r * d + word[h]];
        }
      }
      double[][] p = new double[len][len]; // p[l][h]
      for (int l = 0; l < len; l++) {
        double max = Double.NEGATIVE_INFINITY;
        double[] sc = new double[len];
        for (int h = 0; h < len; h++) {
          sc[h] = dot(k[h], q[l]) / root;
          max = Math.max(max, sc[h]);
        }
        double z = 0;
        for (int h = 0; h < len; h++) {
          p[l][h] = Math.exp(sc[h] - max);
          z += p[l][h];
        }
        for (int h = 0; h < len; h++) {
          p[l][h] /= z;
        }
      }
      double[] c = new double[len];
      double[] rr = new double[len];
      double f = 0;
      for (int h = 0; h < len; h++) {
        for (int l = 0; l < len; l++) {
          c[h] += p[l][h];
        }
        rr[h] = dot(u, v[h]);
        f += c[h] * rr[h];
      }
      int y = data.label(s);
      double dl = -y / (1 + Math.exp(y * f)) / n;
      double[] cv = new double[m];
      for (int h = 0; h < len; h++) {
        for (int r = 0; r < m; r++) {
          cv[r] += c[h] * v[h][r];
        }
      }
      for (int j = 0; j < m1; j++) {
        for (int r = 0; r < m; r++) {
          gw[j * m + r] += dl * a[j] * cv[r];
        }
      }
      for (int h = 0; h < len; h++) {
        for (int r = 0; r < m; r++) {
          gv[r * d + word[h]] += dl * u[r] * c[h];
        }
      }
      for (int l = 0; l < len; l++) {
        double mean = 0;
        for (int h = 0; h < len; h++) {
          mean += p[l][h] * rr[h];
        }
        for (int h = 0; h < len; h++) {
          double ds = dl * p[l][h] * (rr[h] - mean);
          for (int r = 0; r < m; r++) {
            gk[r * d + word[h]] += ds * q[l][r] / root;
            gq[r * d + word[l]] += ds * k[h][r] / root;
          }
        }
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put("W_Q", gq);
    out.put("W_K", gk);
    out.put("W_V", gv);
    out.put("W", gw);
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
