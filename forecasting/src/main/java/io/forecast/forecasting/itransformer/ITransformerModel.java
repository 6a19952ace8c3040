package io.forecast.forecasting.itransformer;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.delta.DeltaAttention;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.transformer.EncoderConfig;
import io.forecast.forecasting.transformer.EncoderNetworkModel;
import io.forecast.forecasting.transformer.Probe;

/**
 * An initialised {@link ITransformerNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file), probed and swapped as an
 * {@link io.forecast.forecasting.transformer.ProbedAttentionModel}.
 */
public final class ITransformerModel extends EncoderNetworkModel {
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
  public String modelType() {
    return ITransformerType.NAME;
  }

  @Override
  public EncoderConfig encoder() {
    return config.encoder();
  }

  @Override
  public int layers() {
    return config.eLayers();
  }

  @Override
  protected NDArray forecast(NDArray input, boolean training, Probe probe) {
    return network.forecast(parameterStore(), input, training, probe);
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidSettingsException also for {@code delta}, which itransformer does not take (its tokens
   *     are variates, whose order means nothing: spec §8.2; delta belongs to patchtst), and qontot with a
   *     variate count other than 4, 8 or 16
   */
  @Override
  protected EncoderConfig swappedEncoder(String attention, OperatorParams params) {
    if (DeltaAttention.NAME.equals(attention)) {
      throw new InvalidSettingsException(ITransformerType.DELTA_REFUSAL);
    }
    return new ITransformerConfig(config.seqLen(), config.predLen(), config.variates(), config.dModel(), config.dFf(),
        config.eLayers(), config.nHeads(), config.dropout(), config.attentionDropout(), attention, params).encoder();
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
