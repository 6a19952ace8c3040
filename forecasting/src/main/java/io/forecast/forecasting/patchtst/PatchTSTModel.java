package io.forecast.forecasting.patchtst;

import ai.djl.ndarray.NDArray;
import io.forecast.forecasting.nn.NetworkModel;

/**
 * An initialised {@link PatchTSTNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file). The BatchNorm's running mean and variance are
 * state, not trainable: the optimiser never sees them, but snapshots (early stopping) and the
 * parameter file carry them, so a loaded model forecasts exactly as the trained one.
 */
public final class PatchTSTModel extends NetworkModel {
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
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore(), input, training, null);
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
