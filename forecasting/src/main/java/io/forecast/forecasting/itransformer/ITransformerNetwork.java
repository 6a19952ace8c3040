package io.forecast.forecasting.itransformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.forecast.attention.AttentionOps;
import io.forecast.forecasting.nn.Layers;
import io.forecast.forecasting.transformer.EncoderLayer;
import io.forecast.forecasting.transformer.MultiHeadAttention;
import io.forecast.forecasting.transformer.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The iTransformer network as one DJL block: input {@code [B, T, N]}, output {@code [B, τ, N]}.
 *
 * <pre>
 * μ = mean_t(x) (detached);  σ = sqrt(var_t(x − μ) + 1e-5)        per sample and variate
 * tokens = Drop(Linear_{T→d_model}((x − μ)/σ transposed to [B, N, T]))     one token per variate
 * tokens = EncoderLayer^eLayers(tokens);  tokens = LayerNorm(tokens)
 * y = Linear_{d_model→τ}(tokens) transposed to [B, τ, N];  return y·σ + μ
 * </pre>
 */
final class ITransformerNetwork extends AbstractBlock {
  /** The variance floor of the series normalisation (TSLib's 1e-5). */
  static final double EPS = 1e-5;

  private final ITransformerConfig config;
  private final Linear embedding;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final LayerNorm encoderNorm;
  private final Linear projector;

  ITransformerNetwork(ITransformerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.embedding = addChildBlock("enc_embedding", Layers.pytorchLinear(config.dModel(), config.seqLen()));
    for (int i = 0; i < config.eLayers(); i++) {
      layers.add(addChildBlock("encoder_" + i, new EncoderLayer(config.encoder())));
    }
    this.encoderNorm = addChildBlock("encoder_norm", Layers.lastAxisLayerNorm(3));
    this.projector = addChildBlock("projection", Layers.pytorchLinear(config.predLen(), config.dModel()));
  }

  ITransformerConfig config() {
    return config;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, config.variates(), config.dModel());
    embedding.initialize(manager, dataType, new Shape(1, config.variates(), config.seqLen()));
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, tokens);
    }
    encoderNorm.initialize(manager, dataType, tokens);
    projector.initialize(manager, dataType, tokens);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forecast(store, inputs.singletonOrThrow(), training, null));
  }

  /**
   * The forecast {@code [B, τ, N]} for inputs {@code [B, T, N]}, in the input's manager.
   *
   * @param probe what to record per layer (and which operator to run instead of the trained one), or
   *     {@code null} for a plain forward pass
   */
  NDArray forecast(ParameterStore store, NDArray x, boolean training, Probe probe) {
    Shape shape = x.getShape();
    if (shape.dimension() != 3 || shape.get(1) != config.seqLen() || shape.get(2) != config.variates()) {
      throw new IllegalArgumentException("expected input [B, " + config.seqLen() + ", " + config.variates() + "], got "
          + shape);
    }
    NDArray mean = x.mean(new int[] {1}, true).stopGradient();
    NDArray centred = x.sub(mean);
    NDArray std = centred.square().mean(new int[] {1}, true).add(AttentionOps.scalar(x, EPS)).sqrt().stopGradient();
    NDArray series = centred.div(std).transpose(0, 2, 1); // [B, N, T]
    NDArray h = Layers.dropout(MultiHeadAttention.one(embedding, store, series, training), (float) config.dropout(),
        training);
    for (EncoderLayer layer : layers) {
      h = layer.apply(store, h, training, probe);
    }
    h = MultiHeadAttention.one(encoderNorm, store, h, training);
    NDArray y = MultiHeadAttention.one(projector, store, h, training).transpose(0, 2, 1); // [B, τ, N]
    return y.mul(std).add(mean);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.predLen(), config.variates())};
  }
}
