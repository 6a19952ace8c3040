package io.forecast.forecasting.olinear;

import ai.djl.ndarray.NDArray;
import io.forecast.forecasting.nn.NetworkModel;

/**
 * An initialised {@link OLinearNetwork} with the native memory it owns (see {@link NetworkModel}
 * for prediction, snapshots and the parameter file).
 */
public final class OLinearModel extends NetworkModel {
  private static final int MAGIC = 0x4F4C4E52; // "OLNR"

  private final OLinearConfig config;
  private final OLinearNetwork network;

  private OLinearModel(OLinearConfig config, OLinearNetwork network, Long seed) {
    super(network, config.seqLen(), config.predLen(), config.variates(), seed);
    this.config = config;
    this.network = network;
  }

  /**
   * Builds and initialises a network for training, seeding the engine's generator with {@code seed}
   * first so that the same seed gives bit-identical weights.
   *
   * @param config hyper-parameters
   * @param qIn T×T row-major, rows = eigenvectors (copied)
   * @param qOut τ×τ row-major, rows = eigenvectors (copied)
   * @param seed seed for {@code Engine.setRandomSeed}
   */
  public static OLinearModel create(OLinearConfig config, float[] qIn, float[] qOut, long seed) {
    return new OLinearModel(config, new OLinearNetwork(config, qIn, qOut), seed);
  }

  /**
   * Builds a network to load weights into: every parameter starts at zero, nothing random runs
   * and the engine's generator is not touched.
   */
  public static OLinearModel forLoading(OLinearConfig config, float[] qIn, float[] qOut) {
    return new OLinearModel(config, new OLinearNetwork(config, qIn, qOut), null);
  }

  /** The hyper-parameters. */
  public OLinearConfig config() {
    return config;
  }

  /** The block. */
  public OLinearNetwork network() {
    return network;
  }

  @Override
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore(), input, training);
  }

  /**
   * The mixing matrix of encoder layer {@code layer} for its input tokens {@code h [B, N, d_model]}:
   * {@code [N, N]} for the NormLin mixers, {@code [B, H, N, N]} for an attention mixer.
   */
  NDArray mixingMatrix(int layer, NDArray h, boolean training) {
    return network.layers().get(layer).mixingMatrix(parameterStore(), h, training);
  }

  @Override
  protected void weightsChanged() {
    network.weightsChanged();
  }

  @Override
  protected int fileMagic() {
    return MAGIC;
  }

  @Override
  protected int[] shapeFields() {
    int[] fields = {
      config.seqLen(), config.predLen(), config.variates(), config.embedSize(),
      config.dModel(), config.dFf(), config.eLayers()
    };
    if (config.mixer().name().equals(OLinearMixer.NORMLIN)) {
      return fields; // as before the mixers existed: files saved then still load
    }
    int[] withMixer = java.util.Arrays.copyOf(fields, fields.length + 2);
    withMixer[fields.length] = config.mixer().name().hashCode();
    withMixer[fields.length + 1] = config.mixer().dataDependent() ? config.mixer().heads() : 0;
    return withMixer;
  }
}
