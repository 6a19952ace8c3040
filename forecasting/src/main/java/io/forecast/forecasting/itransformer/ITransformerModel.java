package io.forecast.forecasting.itransformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.NetworkModel;
import java.util.ArrayList;
import java.util.List;

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
    if (batch < 1 || input.length != (long) batch * seqLen() * variates()) {
      throw new IllegalArgumentException("input must hold batch x " + seqLen() + " x " + variates() + " values");
    }
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager().newSubManager()) {
      List<NDArray> weights = new ArrayList<>();
      network.forecast(parameterStore(), scope.create(input, new Shape(batch, seqLen(), variates())), false, weights);
      List<float[]> out = new ArrayList<>();
      for (NDArray w : weights) {
        out.add(w == null ? null : w.toFloatArray());
      }
      return out;
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
