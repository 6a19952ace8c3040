package io.forecast.forecasting.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.forecast.forecasting.nn.Layers;

/**
 * One Transformer encoder layer (TSLib {@code EncoderLayer}, post-LN, GELU, used by iTransformer and PatchTST) over tokens
 * {@code [B, N, d_model]}:
 *
 * <pre>
 * x = LayerNorm1(x + Drop(Attention(x)))
 * y = Drop(GELU(conv1(x)));  y = Drop(conv2(y))      (1×1 convolutions = Linear per token)
 * out = LayerNorm2(x + y)
 * </pre>
 */
public final class EncoderLayer extends AbstractBlock {
  private final EncoderConfig config;
  private final MultiHeadAttention attention;
  private final LayerNorm norm1;
  private final Linear conv1;
  private final Linear conv2;
  private final LayerNorm norm2;

  /** A layer for these sizes and operator. */
  public EncoderLayer(EncoderConfig config) {
    this.config = config;
    this.attention = addChildBlock("attention", new MultiHeadAttention(config));
    this.norm1 = addChildBlock("norm1", Layers.lastAxisLayerNorm(3));
    this.conv1 = addChildBlock("conv1", Layers.pytorchLinear(config.dFf(), config.dModel()));
    this.conv2 = addChildBlock("conv2", Layers.pytorchLinear(config.dModel(), config.dFf()));
    this.norm2 = addChildBlock("norm2", Layers.lastAxisLayerNorm(3));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, config.tokens(), config.dModel());
    attention.initialize(manager, dataType, tokens);
    norm1.initialize(manager, dataType, tokens);
    conv1.initialize(manager, dataType, tokens);
    conv2.initialize(manager, dataType, new Shape(1, config.tokens(), config.dFf()));
    norm2.initialize(manager, dataType, tokens);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(store, inputs.singletonOrThrow(), training, null));
  }

  /**
   * The layer's output; a probe (see {@link MultiHeadAttention#attend}) also records it as the layer's
   * token states.
   *
   * @param probe {@code null} for a plain forward pass
   */
  public NDArray apply(ParameterStore store, NDArray x, boolean training, Probe probe) {
    float p = (float) config.dropout();
    NDArray attended = attention.attend(store, x, training, probe);
    x = MultiHeadAttention.one(norm1, store, x.add(Layers.dropout(attended, p, training)), training);
    NDArray y = Layers.dropout(Activation.gelu(MultiHeadAttention.one(conv1, store, x, training)), p, training);
    y = Layers.dropout(MultiHeadAttention.one(conv2, store, y, training), p, training);
    NDArray out = MultiHeadAttention.one(norm2, store, x.add(y), training);
    if (probe != null) {
      probe.tokenStates().add(out);
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
