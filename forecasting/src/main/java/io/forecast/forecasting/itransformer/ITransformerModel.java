package io.forecast.forecasting.itransformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.delta.DeltaAttention;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.transformer.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An initialised {@link ITransformerNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file).
 */
public final class ITransformerModel extends NetworkModel {
  private static final int MAGIC = 0x49545246; // "ITRF"

  private final ITransformerConfig config;
  private final ITransformerNetwork network;

  private ITransformerModel(ITransformerConfig config, ITransformerNetwork network, Long seed) {
    super(network, config.seqLen(), config.predLen(), config.variates(), seed);
    this.config = config;
    this.network = network;
  }

  /**
   * Builds and initialises a network for training, seeding the engine's generator with {@code seed}
   * first so that the same seed gives bit-identical weights.
   */
  public static ITransformerModel create(ITransformerConfig config, long seed) {
    return new ITransformerModel(config, new ITransformerNetwork(config), seed);
  }

  /**
   * Builds a network to load weights into: every parameter starts at zero, nothing random runs and
   * the engine's generator is not touched.
   */
  public static ITransformerModel forLoading(ITransformerConfig config) {
    return new ITransformerModel(config, new ITransformerNetwork(config), null);
  }

  /** The architecture. */
  public ITransformerConfig config() {
    return config;
  }

  @Override
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore(), input, training, null);
  }

  /**
   * Each encoder layer's mixing matrix for raw inputs, without dropout and with gradient recording
   * off.
   *
   * @param input {@code batch × T × N} values, row-major
   * @return per layer, {@code batch × H × N × N} values, row-major; {@code null} for a layer whose
   *     operator never forms the matrix (monarch, delta)
   */
  public List<float[]> attentionWeights(float[] input, int batch) {
    return probe(input, batch).weights();
  }

  /**
   * A probed forward pass over raw inputs (no dropout, gradient recording off): the forecast and, per
   * encoder layer, the mixing matrix, the attention output and the token states. Slower than
   * {@link #forward} (every layer's matrix is formed and copied out); for diagnostics only.
   *
   * @param input {@code batch × T × N} values, row-major
   */
  public ProbeResult probe(float[] input, int batch) {
    return probe(input, batch, null);
  }

  ProbeResult probe(float[] input, int batch, AttentionOperator operator) {
    if (batch < 1 || input.length != (long) batch * seqLen() * variates()) {
      throw new IllegalArgumentException("input must hold batch x " + seqLen() + " x " + variates() + " values");
    }
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager().newSubManager()) {
      Probe probe = Probe.running(operator);
      NDArray y = network.forecast(parameterStore(), scope.create(input, new Shape(batch, seqLen(), variates())), false,
          probe);
      List<float[]> weights = new ArrayList<>();
      for (NDArray w : probe.weights()) {
        weights.add(w == null ? null : w.toFloatArray());
      }
      return new ProbeResult(batch, config.nHeads(), variates(), config.dModel(), y.toFloatArray(), weights,
          floats(probe.attentionOutputs()), floats(probe.tokenStates()));
    }
  }

  private static List<float[]> floats(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    arrays.forEach(a -> out.add(a.toFloatArray()));
    return out;
  }

  /**
   * What {@link #probe} saw, row-major float arrays. Immutable by convention (the arrays are not copied).
   *
   * @param batch inputs B
   * @param heads attention heads H
   * @param tokens tokens N (the variates)
   * @param dModel token width
   * @param forecast {@code B × τ × N}
   * @param weights per layer, {@code B × H × N × N}; {@code null} where the operator forms no matrix
   * @param attentionOutputs per layer, the operator's output with the heads merged, {@code B × N × dModel}
   *     (before the output projection)
   * @param tokenStates per layer, the layer's output tokens, {@code B × N × dModel}
   */
  public record ProbeResult(int batch, int heads, int tokens, int dModel, float[] forecast, List<float[]> weights,
      List<float[]> attentionOutputs, List<float[]> tokenStates) {
    public ProbeResult {
      weights = java.util.Collections.unmodifiableList(new ArrayList<>(weights));
      attentionOutputs = List.copyOf(attentionOutputs);
      tokenStates = List.copyOf(tokenStates);
    }
  }

  /**
   * This model with another attention operator in every layer, for inference only (Protocol B of spec
   * §8.3: train with softmax, swap at inference without retraining). The view shares this model's
   * weights and memory: it is valid while this model is open and owns nothing. Swapping in the model's
   * own operator and parameters reproduces its forecasts exactly. qontot in mode {@code trainable} runs
   * with its seeded angles (there are no trained ones to take).
   *
   * @param attention the operator's registry name
   * @param params its parameters (the operator's defaults for those not given)
   * @throws InvalidSettingsException for an unknown operator or parameter, an operator that cannot take
   *     this many tokens (qontot: 4, 8 or 16), or {@code delta}, which itransformer does not take (its
   *     tokens are variates, whose order means nothing: spec §8.2; delta belongs to patchtst)
   */
  public Swapped withOperator(String attention, Map<String, ?> params) {
    if (DeltaAttention.NAME.equals(attention)) {
      throw new InvalidSettingsException("attention 'delta' cannot be swapped into " + ITransformerType.NAME
          + ": its tokens are the variates, whose order means nothing, and delta's windows need ordered tokens "
          + "(spec attention.md §8.2: ✗); use it with patchtst");
    }
    OperatorParams checked;
    try {
      checked = AttentionOperators.spec(attention).params(params == null ? Map.of() : params);
    } catch (InvalidOperatorParameterException e) {
      throw new InvalidSettingsException("model type '" + ITransformerType.NAME + "': " + e.getMessage(), e);
    }
    ITransformerConfig swapped = new ITransformerConfig(config.seqLen(), config.predLen(), config.variates(),
        config.dModel(), config.dFf(), config.eLayers(), config.nHeads(), config.dropout(), config.attentionDropout(),
        attention, checked);
    return new Swapped(this, swapped);
  }

  /**
   * A view of a model with another operator (see {@link ITransformerModel#withOperator}).
   */
  public static final class Swapped {
    private final ITransformerModel model;
    private final ITransformerConfig config;
    private final AttentionOperator operator;

    private Swapped(ITransformerModel model, ITransformerConfig config) {
      this.model = model;
      this.config = config;
      this.operator = config.operator();
    }

    /** The architecture with the swapped-in operator and its parameters. */
    public ITransformerConfig config() {
      return config;
    }

    /** The probed forward pass of {@link ITransformerModel#probe} with the swapped-in operator. */
    public ProbeResult probe(float[] input, int batch) {
      return model.probe(input, batch, operator);
    }
  }

  @Override
  protected int fileMagic() {
    return MAGIC;
  }

  @Override
  protected int[] shapeFields() {
    return config.shapeFields();
  }
}
