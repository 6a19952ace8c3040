package io.forecast.forecasting.patchtst;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.OperatorParams;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.transformer.EncoderConfig;
import io.forecast.forecasting.transformer.EncoderNetworkModel;
import io.forecast.forecasting.transformer.Probe;

/**
 * An initialised {@link PatchTSTNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file). The BatchNorm's running mean and variance are
 * state, not trainable: the optimiser never sees them, but snapshots (early stopping) and the
 * parameter file carry them, so a loaded model forecasts exactly as the trained one. Probed and swapped as
 * an {@link io.forecast.forecasting.transformer.ProbedAttentionModel} (its encoder sequences are one per
 * window and channel).
 */
public final class PatchTSTModel extends EncoderNetworkModel {
  private static final int MAGIC = 0x50545354; // "PTST"

  private final PatchTSTConfig config;
  private final PatchTSTNetwork network;

  private PatchTSTModel(PatchTSTConfig config, PatchTSTNetwork network, Long seed) {
    super(network, config.seqLen(), config.predLen(), config.variates(), seed);
    this.config = config;
    this.network = network;
  }

  /**
   * Builds and initialises a network for training, seeding the engine's generator with {@code seed}
   * first so that the same seed gives bit-identical weights.
   */
  public static PatchTSTModel create(PatchTSTConfig config, long seed) {
    return new PatchTSTModel(config, new PatchTSTNetwork(config), seed);
  }

  /**
   * Builds a network to load weights into: every array starts at zero, nothing random runs and the
   * engine's generator is not touched.
   */
  public static PatchTSTModel forLoading(PatchTSTConfig config) {
    return new PatchTSTModel(config, new PatchTSTNetwork(config), null);
  }

  /** The architecture. */
  public PatchTSTConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return PatchTSTType.NAME;
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
   * @throws InvalidSettingsException also when the operator does not fit the patches (qontot needs 4, 8
   *     or 16; monarch a block size of at most N; delta a window and sink count of at most N), with
   *     {@link PatchTSTConfig}'s message
   */
  @Override
  protected EncoderConfig swappedEncoder(String attention, OperatorParams params) {
    return new PatchTSTConfig(config.seqLen(), config.predLen(), config.variates(), config.patchLen(), config.stride(),
        config.dModel(), config.dFf(), config.eLayers(), config.nHeads(), config.dropout(), config.attentionDropout(),
        attention, params).encoder();
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
