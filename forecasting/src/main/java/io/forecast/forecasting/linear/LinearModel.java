package io.forecast.forecasting.linear;

import ai.djl.ndarray.NDArray;
import io.forecast.forecasting.nn.NetworkModel;

/**
 * An initialised {@link LinearNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file, whose magic number is the variant's).
 */
public final class LinearModel extends NetworkModel {
  private final LinearConfig config;
  private final LinearNetwork network;

  private LinearModel(LinearConfig config, LinearNetwork network, Long seed) {
    super(network, config.seqLen(), config.predLen(), config.variates(), seed);
    this.config = config;
    this.network = network;
  }

  /**
   * Builds and initialises a network for training, seeding the engine's generator with {@code seed}
   * first so that the same seed gives bit-identical weights.
   */
  public static LinearModel create(LinearConfig config, long seed) {
    return new LinearModel(config, new LinearNetwork(config), seed);
  }

  /**
   * Builds a network to load weights into: every parameter starts at zero, nothing random runs and
   * the engine's generator is not touched.
   */
  public static LinearModel forLoading(LinearConfig config) {
    return new LinearModel(config, new LinearNetwork(config), null);
  }

  /** The architecture. */
  public LinearConfig config() {
    return config;
  }

  @Override
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore(), input, training);
  }

  @Override
  protected int fileMagic() {
    return config.variant().fileMagic();
  }

  @Override
  protected int[] shapeFields() {
    return config.shapeFields();
  }
}
