package io.forecast.forecasting.studies.sinks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.transformer.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An initialised {@link SinksNetwork} with the native memory it owns (see {@link NetworkModel}). */
final class SinksModel extends NetworkModel {
  private final SinksNetwork network;

  private SinksModel(SinksNetwork network, long seed) {
    super(network, network.config().seqLen(), network.config().predLen(), network.config().variates(), seed);
    this.network = network;
  }

  /** A network for {@code config} with weights drawn under {@code seed}. */
  static SinksModel create(StackConfig config, long seed) {
    return new SinksModel(new SinksNetwork(config), seed);
  }

  StackConfig config() {
    return network.config();
  }

  @Override
  protected int fileMagic() {
    return 0x534b4e53; // "SKNS"; study models are not saved, but the format needs one
  }

  @Override
  protected int[] shapeFields() {
    StackConfig c = config();
    return new int[] {c.architecture().ordinal(), c.layers(), c.seqLen(), c.predLen(), c.variates(), c.patch(),
        c.encoder().dModel(), c.encoder().nHeads(), c.encoder().dFf()};
  }

  @Override
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore(), input, training, null);
  }

  /**
   * A probed forward pass over raw windows {@code batch × T × C} (no gradient recording).
   *
   * @return the token states (embedding, then each layer) and each layer's mixing matrices
   */
  Probed probe(float[] input, int batch) {
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager().newSubManager()) {
      Probe probe = Probe.running(null);
      network.forecast(parameterStore(), scope.create(input, new Shape(batch, seqLen(), variates())), false, probe);
      return probed(batch, probe);
    }
  }

  /** The attention stack alone over tokens {@code batch × N × D} (no embedding, no head). */
  Probed encode(float[] tokens, int batch) {
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager().newSubManager()) {
      Probe probe = Probe.running(null);
      network.encode(parameterStore(), scope.create(tokens, new Shape(batch, config().tokens(),
          config().encoder().dModel())), false, probe);
      return probed(batch, probe);
    }
  }

  private Probed probed(int batch, Probe probe) {
    List<float[]> weights = new ArrayList<>();
    for (NDArray w : probe.weights()) {
      weights.add(w == null ? null : w.toFloatArray());
    }
    List<float[]> states = new ArrayList<>();
    for (NDArray h : probe.tokenStates()) {
      states.add(h.toFloatArray());
    }
    return new Probed(batch, config().encoder().nHeads(), config().tokens(), config().encoder().dModel(), weights,
        states);
  }

  /**
   * The trained per-head values, {@code [layer][head]}: b_h when {@code logit}, else β_h; {@code null} when
   * the stack learns none of that kind.
   */
  double[][] learned(boolean logit) {
    List<ai.djl.nn.Parameter> ps = network.learnedParameters(logit);
    if (ps.isEmpty() || ps.get(0) == null) {
      return null;
    }
    double[][] out = new double[ps.size()][];
    for (int l = 0; l < ps.size(); l++) {
      float[] v = ps.get(l).getArray().toFloatArray();
      out[l] = new double[v.length];
      for (int h = 0; h < v.length; h++) {
        out[l][h] = v[h];
      }
    }
    return out;
  }

  /**
   * Sets the weights of the constructed check: value and output projections the identity, query and key
   * projections {@code qkScale}·N(0, 1)/√D drawn under {@code seed}, every bias 0 (embedding and head
   * untouched; only meaningful for the attention-only and residual stacks).
   */
  void setConstructedWeights(double qkScale, long seed) {
    Random random = new Random(seed);
    int d = config().encoder().dModel();
    float[][] values = snapshot();
    List<String> names = parameterNames();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!name.contains("attention_")) { // DJL prefixes each child's name with its index, e.g. 02attention_0_
        continue;
      }
      float[] v = values[i];
      boolean weight = name.endsWith("weight");
      for (int k = 0; k < v.length; k++) {
        if (!weight) {
          v[k] = 0;
        } else if (name.contains("value_projection") || name.contains("out_projection")) {
          v[k] = k / d == k % d ? 1 : 0;
        } else {
          v[k] = (float) (qkScale * random.nextGaussian() / Math.sqrt(d));
        }
      }
    }
    restore(values);
  }

  /**
   * What a probed pass saw, row-major float arrays.
   *
   * @param batch windows B
   * @param heads attention heads H
   * @param tokens tokens N
   * @param dModel token width D
   * @param weights per layer, {@code B × H × N × N} ({@code null} where the operator forms no matrix)
   * @param states the embedded tokens, then each layer's output, each {@code B × N × D}
   */
  record Probed(int batch, int heads, int tokens, int dModel, List<float[]> weights, List<float[]> states) {}
}
