package io.forecast.forecasting.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.NetworkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link NetworkModel} built around a stack of {@link EncoderLayer}s: the probed forward pass and the
 * zero-shot operator swap of {@link ProbedAttentionModel}, shared by the model types. A subclass gives
 * its forward pass with a {@link Probe} and checks a swapped-in operator against its own constraints.
 */
public abstract class EncoderNetworkModel extends NetworkModel implements ProbedAttentionModel {
  /** @see NetworkModel#NetworkModel(Block, int, int, int, Long) */
  protected EncoderNetworkModel(Block block, int seqLen, int predLen, int variates, Long seed) {
    super(block, seqLen, predLen, variates, seed);
  }

  /**
   * The forecast {@code [B, τ, C]} for inputs {@code [B, T, C]} in the input's manager, recording what
   * {@code probe} asks for and running its operator, if it has one, in every layer.
   *
   * @param probe {@code null} for a plain forward pass
   */
  protected abstract NDArray forecast(NDArray input, boolean training, Probe probe);

  /**
   * The encoder with {@code attention} swapped in, checked as the type checks its own settings.
   *
   * @param params the operator's parameters, already checked by its spec
   * @throws InvalidSettingsException when the type cannot take the operator with its token count
   */
  protected abstract EncoderConfig swappedEncoder(String attention, OperatorParams params);

  @Override
  public NDArray forward(NDArray input, boolean training) {
    return forecast(input, training, null);
  }

  @Override
  public ProbeResult probe(float[] input, int batch) {
    return probe(input, batch, null, encoder());
  }

  /**
   * Each encoder layer's mixing matrix for raw inputs (the {@code weights} of {@link #probe}).
   *
   * @return per layer, {@code S × H × N × N} values, row-major; {@code null} for a layer whose operator
   *     never forms the matrix (delta)
   */
  public List<float[]> attentionWeights(float[] input, int batch) {
    return probe(input, batch).weights();
  }

  private ProbeResult probe(float[] input, int batch, AttentionOperator operator, EncoderConfig encoder) {
    if (batch < 1 || input.length != (long) batch * seqLen() * variates()) {
      throw new IllegalArgumentException("input must hold batch x " + seqLen() + " x " + variates() + " values");
    }
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager().newSubManager()) {
      Probe probe = Probe.running(operator);
      NDArray y = forecast(scope.create(input, new Shape(batch, seqLen(), variates())), false, probe);
      List<float[]> weights = new ArrayList<>();
      for (NDArray w : probe.weights()) {
        weights.add(w == null ? null : w.toFloatArray());
      }
      List<float[]> outputs = floats(probe.attentionOutputs());
      int sequences = outputs.isEmpty() ? batch : outputs.get(0).length / (encoder.tokens() * encoder.dModel());
      return new ProbeResult(batch, sequences, encoder.nHeads(), encoder.tokens(), encoder.dModel(), y.toFloatArray(),
          weights, outputs, floats(probe.tokenStates()));
    }
  }

  private static List<float[]> floats(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    arrays.forEach(a -> out.add(a.toFloatArray()));
    return out;
  }

  @Override
  public ProbedAttentionModel withOperator(String attention, Map<String, ?> params) {
    Objects.requireNonNull(attention, "attention");
    OperatorParams checked;
    try {
      checked = AttentionOperators.spec(attention).params(params == null ? Map.of() : params);
    } catch (InvalidOperatorParameterException e) {
      throw new InvalidSettingsException("model type '" + modelType() + "': " + e.getMessage(), e);
    }
    return new Swapped(swappedEncoder(attention, checked));
  }

  /** A view of this model with another operator: same weights, same memory, owns nothing. */
  private final class Swapped implements ProbedAttentionModel {
    private final EncoderConfig encoder;
    private final AttentionOperator operator;

    Swapped(EncoderConfig encoder) {
      this.encoder = encoder;
      this.operator = encoder.operator();
    }

    @Override
    public String modelType() {
      return EncoderNetworkModel.this.modelType();
    }

    @Override
    public int seqLen() {
      return EncoderNetworkModel.this.seqLen();
    }

    @Override
    public int predLen() {
      return EncoderNetworkModel.this.predLen();
    }

    @Override
    public int variates() {
      return EncoderNetworkModel.this.variates();
    }

    @Override
    public EncoderConfig encoder() {
      return encoder;
    }

    @Override
    public int layers() {
      return EncoderNetworkModel.this.layers();
    }

    @Override
    public ProbeResult probe(float[] input, int batch) {
      return EncoderNetworkModel.this.probe(input, batch, operator, encoder);
    }

    @Override
    public ProbedAttentionModel withOperator(String attention, Map<String, ?> params) {
      return EncoderNetworkModel.this.withOperator(attention, params);
    }
  }
}
