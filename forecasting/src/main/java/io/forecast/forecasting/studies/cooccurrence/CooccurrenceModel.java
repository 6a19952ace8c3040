package io.forecast.forecasting.studies.cooccurrence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.NativeEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The model of the paper's eq. 1 (spec §7.2) in float64 DJL tensors:
 * {@code F(X) = Σ_l Σ_j a_j·w_jᵀ·W_V·X·attn(Xᵀ·W_Kᵀ·W_Q·x_l / √m)}, with W_Q, W_K, W_V (m×d) and W
 * (m1×m) trained and a ∈ {±1}^{m1} fixed. The attention is any registry operator applied to the
 * queries {@code X·W_Qᵀ}, keys {@code X·W_Kᵀ} and values {@code X·W_Vᵀ} of each sample (softmax: the
 * paper's). The loss is the mean logistic loss {@code log(1 + e^{−yF})}; a step is one full-batch
 * plain gradient-descent update with the gradients of DJL's autograd.
 *
 * <p>Not thread-safe; one model trains at a time per JVM (DJL allows one open gradient collector).
 */
public final class CooccurrenceModel implements AutoCloseable {
  /** The trained parameters' names, in {@link #gradients()} order. */
  public static final List<String> PARAMETERS = List.of("W_Q", "W_K", "W_V", "W");

  private final Engine engine;
  private final NDManager manager;
  private final NDArray x;
  private final NDArray y;
  private final NDArray a;
  private final List<NDArray> weights;
  private final AttentionOperator attention;
  private final int samples;
  private final int m;

  private CooccurrenceModel(Engine engine, NDManager manager, NDArray x, NDArray y, NDArray a, List<NDArray> weights,
      AttentionOperator attention, int samples, int m) {
    this.engine = engine;
    this.manager = manager;
    this.x = x;
    this.y = y;
    this.a = a;
    this.weights = weights;
    this.attention = attention;
    this.samples = samples;
    this.m = m;
  }

  /**
   * A freshly initialised model on {@code data}.
   *
   * @param attention a registry operator name ({@code softmax}: the paper's), with its default parameters
   * @param seed seeds W_Q, W_K, W_V, W and a (drawn in that order from one {@link Random})
   * @throws IllegalArgumentException for a non-positive width or an unknown operator
   */
  public static CooccurrenceModel create(CooccurrenceData data, int m, int m1, Init init, String attention, long seed) {
    if (m < 1 || m1 < 1) {
      throw new IllegalArgumentException("the widths m and m1 must be positive, got m = " + m + ", m1 = " + m1);
    }
    AttentionOperator operator = AttentionOperators.create(attention, Map.of());
    int n = data.size();
    int length = data.length();
    int d = data.dim();
    Random random = new Random(seed);
    double s0 = init.attentionStd(length, d, m);
    double s1 = init.readoutStd(m, m1);
    double[] wq = gaussian(random, m * d, s0);
    double[] wk = gaussian(random, m * d, s0);
    double[] wv = gaussian(random, m * d, s0);
    double[] w = gaussian(random, m1 * m, s1);
    double[] signs = new double[m1];
    for (int j = 0; j < m1; j++) {
      signs[j] = random.nextBoolean() ? 1 : -1;
    }
    double[] labels = new double[n];
    for (int s = 0; s < n; s++) {
      labels[s] = data.label(s);
    }
    Engine engine = NativeEngine.get();
    NDManager manager = engine.newBaseManager();
    try {
      NDArray xa = manager.create(data.oneHot(), new Shape(n, length, d));
      NDArray ya = manager.create(labels, new Shape(n));
      NDArray aa = manager.create(signs, new Shape(1, m1));
      List<NDArray> params = List.of(manager.create(wq, new Shape(m, d)), manager.create(wk, new Shape(m, d)),
          manager.create(wv, new Shape(m, d)), manager.create(w, new Shape(m1, m)));
      for (NDArray p : params) {
        p.setRequiresGradient(true);
      }
      return new CooccurrenceModel(engine, manager, xa, ya, aa, params, operator, n, m);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The attention operator's registry name. */
  public String attention() {
    return attention.name();
  }

  /**
   * One full-batch gradient-descent step {@code θ ← θ − lr·∂ℓ/∂θ} on every trained parameter.
   *
   * @return the margins {@code y·F} of every sample before the update
   */
  public double[] step(double lr) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray margins = backward(scope);
      double[] out = margins.toDoubleArray();
      NDArray rate = scope.zeros(new Shape(), DataType.FLOAT64).add(lr);
      try (GradMode off = GradMode.disabled()) {
        for (NDArray p : weights) {
          NDArray g = p.getGradient();
          g.attach(scope);
          p.subi(g.mul(rate));
          JniUtils.zeroGrad((PtNDArray) p);
        }
      }
      return out;
    }
  }

  /** The margins {@code y·F} of every sample, without recording a graph. */
  public double[] margins() {
    try (NDManager scope = manager.newSubManager(); GradMode off = GradMode.disabled()) {
      return forward(scope).mul(y).toDoubleArray();
    }
  }

  /**
   * The gradients of the mean logistic loss by DJL's autograd, by parameter name ({@link #PARAMETERS}),
   * row-major; the parameters are left unchanged and their stored gradients zeroed.
   */
  public Map<String, double[]> gradients() {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (NDManager scope = manager.newSubManager()) {
      backward(scope);
      for (int i = 0; i < weights.size(); i++) {
        NDArray g = weights.get(i).getGradient();
        g.attach(scope);
        out.put(PARAMETERS.get(i), g.toDoubleArray());
        JniUtils.zeroGrad((PtNDArray) weights.get(i));
      }
    }
    return out;
  }

  /** A copy of parameter {@code name} ({@link #PARAMETERS}), row-major. */
  public double[] parameter(String name) {
    int i = PARAMETERS.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + PARAMETERS);
    }
    return weights.get(i).toDoubleArray();
  }

  /** A copy of the fixed signs a (m1). */
  public double[] signs() {
    return a.toDoubleArray();
  }

  /**
   * The tracked weight quantities of spec §7.4 for the first three words μ₁, μ₂, μ₃:
   * {@code g[i] = G(μ_i) = Σ_j a_j·w_jᵀ·W_V·μ_i}, {@code kq[i][j] = μ_iᵀ·W_Kᵀ·W_Q·μ_j} (so
   * score_{q←μ_j, k←μ_i} = {@code kq[i][j]}) and {@code vv[i][j] = μ_iᵀ·W_Vᵀ·W_V·μ_j}.
   */
  WeightStats weightStats() {
    try (NDManager scope = manager.newSubManager(); GradMode off = GradMode.disabled()) {
      double[] u = owned(scope, a.matMul(weights.get(3))).toDoubleArray();
      double[] q = owned(scope, weights.get(0).get(":, 0:3")).toDoubleArray();
      double[] k = owned(scope, weights.get(1).get(":, 0:3")).toDoubleArray();
      double[] v = owned(scope, weights.get(2).get(":, 0:3")).toDoubleArray();
      double[] g = new double[3];
      double[][] kq = new double[3][3];
      double[][] vv = new double[3][3];
      for (int r = 0; r < m; r++) {
        for (int i = 0; i < 3; i++) {
          g[i] += u[r] * v[r * 3 + i];
          for (int j = 0; j < 3; j++) {
            kq[i][j] += k[r * 3 + i] * q[r * 3 + j];
            vv[i][j] += v[r * 3 + i] * v[r * 3 + j];
          }
        }
      }
      return new WeightStats(g, kq, vv);
    }
  }

  /** G(μ) for μ₁ … μ₃, the key-query and value Gram entries among them (see {@link #weightStats()}). */
  record WeightStats(double[] g, double[][] kq, double[][] vv) {}

  private NDArray backward(NDManager scope) {
    try (GradientCollector collector = engine.newGradientCollector()) {
      NDArray margins = forward(scope).mul(y);
      NDArray loss = Activation.softPlus(margins.neg()).mean();
      collector.backward(loss);
      return margins;
    }
  }

  /** F of every sample, {@code [n]}, in {@code scope}. */
  private NDArray forward(NDManager scope) {
    int length = (int) x.getShape().get(1);
    NDArray q = project(scope, weights.get(0));
    NDArray k = project(scope, weights.get(1));
    NDArray v = project(scope, weights.get(2));
    NDArray o = attention.output(q, k, v, null).reshape(samples, length, m);
    NDArray u = owned(scope, a.matMul(weights.get(3)));
    return o.sum(new int[] {1}).matMul(u.transpose()).reshape(samples);
  }

  /** {@code X·Wᵀ} as {@code [n, 1, L, m]} (one head) in {@code scope}. */
  private NDArray project(NDManager scope, NDArray w) {
    NDArray t = owned(scope, w.transpose());
    return owned(scope, x.matMul(t)).expandDims(1);
  }

  private static NDArray owned(NDManager scope, NDArray r) {
    r.attach(scope);
    return r;
  }

  private static double[] gaussian(Random random, int count, double std) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = std * random.nextGaussian();
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
