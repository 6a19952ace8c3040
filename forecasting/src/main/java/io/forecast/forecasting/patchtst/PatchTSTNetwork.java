package io.forecast.forecasting.patchtst;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.forecast.attention.AttentionOps;
import io.forecast.forecasting.nn.Layers;
import io.forecast.forecasting.transformer.EncoderConfig;
import io.forecast.forecasting.transformer.EncoderLayer;
import io.forecast.forecasting.transformer.Probe;
import io.forecast.forecasting.transformer.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The PatchTST network (TSLib {@code models/PatchTST.py}) as one DJL block: input {@code [B, T, C]},
 * output {@code [B, τ, C]}; every channel goes through the same network on its own.
 *
 * <pre>
 * μ = mean_t(x) (detached);  σ = sqrt(var_t(x − μ) + 1e-5)         per sample and channel
 * z = (x − μ)/σ as [B, C, T], padded at the end with S copies of its last value → [B, C, T + S]
 * patches = z[.., i·S .. i·S + P) for i &lt; N  → [B·C, N, P]
 * tokens = Drop(Linear_{P→d}(patches) (no bias) + PE_sin[0..N))
 * tokens = EncoderLayer^eLayers(tokens);  tokens = BatchNorm_d(tokens)     (over B·C·N, per feature)
 * y = Drop(Linear_{d·N→τ}(tokens as [B, C, d, N] flattened));  return y as [B, τ, C] · σ + μ
 * </pre>
 */
final class PatchTSTNetwork extends AbstractBlock {
  /** The variance floor of the instance normalisation (TSLib's 1e-5). */
  static final double EPS = 1e-5;

  private final PatchTSTConfig config;
  private final EncoderConfig encoder;
  private final int patches;
  private final float[] positions;
  private final Linear embedding;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final BatchNorm encoderNorm;
  private final Linear head;

  PatchTSTNetwork(PatchTSTConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.encoder = config.encoder();
    this.patches = config.patches();
    this.positions = sinusoidal(patches, config.dModel());
    // TSLib's value_embedding: nn.Linear(patch_len, d_model, bias=False), PyTorch's uniform ±1/√P
    Linear value = Linear.builder().setUnits(config.dModel()).optBias(false).build();
    value.setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(config.patchLen()))), Parameter.Type.WEIGHT);
    this.embedding = addChildBlock("value_embedding", value);
    for (int i = 0; i < config.eLayers(); i++) {
      layers.add(addChildBlock("encoder_" + i, new EncoderLayer(encoder)));
    }
    // nn.BatchNorm1d(d_model): eps 1e-5, PyTorch momentum 0.1 (DJL's 0.9 = 1 − PyTorch's), γ = 1, β = 0
    this.encoderNorm = addChildBlock("encoder_norm", BatchNorm.builder().optAxis(1).optEpsilon(1e-5f)
        .optMomentum(0.9f).build());
    this.head = addChildBlock("head",
        Layers.pytorchLinear(config.predLen(), (long) config.dModel() * patches));
  }

  /**
   * TSLib's fixed {@code PositionalEmbedding}: {@code pe[p, 2i] = sin(p·w_i)}, {@code pe[p, 2i+1] =
   * cos(p·w_i)} with {@code w_i = exp(−2i·ln(10000)/d)}, for positions {@code 0..n−1}, row-major.
   */
  static float[] sinusoidal(int n, int d) {
    float[] pe = new float[n * d];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < d; i += 2) {
        double w = Math.exp(i * -(Math.log(10000.0) / d));
        pe[p * d + i] = (float) Math.sin(p * w);
        if (i + 1 < d) {
          pe[p * d + i + 1] = (float) Math.cos(p * w);
        }
      }
    }
    return pe;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, patches, config.dModel());
    embedding.initialize(manager, dataType, new Shape(1, patches, config.patchLen()));
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, tokens);
    }
    encoderNorm.initialize(manager, dataType, new Shape(1, config.dModel(), patches));
    head.initialize(manager, dataType, new Shape(1, config.variates(), (long) config.dModel() * patches));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forecast(store, inputs.singletonOrThrow(), training, null));
  }

  /**
   * The patches {@code [B·C, N, P]} of normalised series {@code [B, C, T]}: the series padded at the
   * end with {@code stride} copies of its last value (TSLib's {@code ReplicationPad1d((0, stride))}),
   * then cut into windows of {@code patchLen} every {@code stride} values ({@code unfold}).
   */
  NDArray patch(NDArray series) {
    Shape s = series.getShape();
    long b = s.get(0);
    long c = s.get(1);
    int t = config.seqLen();
    int p = config.patchLen();
    int stride = config.stride();
    NDArray last = series.get(new NDIndex(":, :, " + (t - 1) + ":" + t));
    NDArray padded = series.concat(last.repeat(2, stride), 2); // [B, C, T + S]
    NDList cuts = new NDList(patches);
    for (int i = 0; i < patches; i++) {
      cuts.add(padded.get(new NDIndex(":, :, " + (i * stride) + ":" + (i * stride + p))));
    }
    return NDArrays.stack(cuts, 2).reshape(b * c, patches, p);
  }

  /**
   * The forecast {@code [B, τ, C]} for inputs {@code [B, T, C]}, in the input's manager.
   *
   * @param probe what to record per layer (mixing matrices {@code [B·C, H, N, N]}, attention outputs and
   *     token states {@code [B·C, N, d]}) and which operator to run instead of the trained one, or
   *     {@code null} for a plain forward pass
   */
  NDArray forecast(ParameterStore store, NDArray x, boolean training, Probe probe) {
    Shape shape = x.getShape();
    if (shape.dimension() != 3 || shape.get(1) != config.seqLen() || shape.get(2) != config.variates()) {
      throw new IllegalArgumentException("expected input [B, " + config.seqLen() + ", " + config.variates() + "], got "
          + shape);
    }
    long b = shape.get(0);
    long c = config.variates();
    int d = config.dModel();
    NDArray mean = x.mean(new int[] {1}, true).stopGradient();
    NDArray centred = x.sub(mean);
    NDArray std = centred.square().mean(new int[] {1}, true).add(AttentionOps.scalar(x, EPS)).sqrt().stopGradient();
    NDArray series = centred.div(std).transpose(0, 2, 1); // [B, C, T]
    NDArray pe = x.getManager().create(positions, new Shape(1, patches, d));
    NDArray h = MultiHeadAttention.one(embedding, store, patch(series), training).add(pe);
    h = Layers.dropout(h, (float) config.dropout(), training);
    for (EncoderLayer layer : layers) {
      h = layer.apply(store, h, training, probe);
    }
    // nn.Sequential(Transpose(1,2), nn.BatchNorm1d(d_model), Transpose(1,2)); then [B, C, d, N] flattened
    h = MultiHeadAttention.one(encoderNorm, store, h.transpose(0, 2, 1), training); // [B·C, d, N]
    NDArray flat = h.reshape(b, c, (long) d * patches);
    NDArray y = Layers.dropout(MultiHeadAttention.one(head, store, flat, training), (float) config.dropout(),
        training);
    return y.transpose(0, 2, 1).mul(std).add(mean); // [B, τ, C]
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.predLen(), config.variates())};
  }
}
