package io.forecast.forecasting.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.forecasting.mixing.HeadAttention;
import io.forecast.forecasting.nn.Layers;

/**
 * TSLib's {@code AttentionLayer} around any registered operator, over tokens {@code [B, N, d_model]}:
 * Linear q/k/v projections d_model → d_model split into {@code nHeads} heads of d = d_model/nHeads
 * features ({@code [B, H, N, d]}), the operator, the heads concatenated back, and the output
 * projection. No mask (encoder self-attention over the tokens: variates or patches).
 *
 * <p>The heads, the operator and the attention dropout (TSLib's {@code FullAttention} drops the softmax
 * weights) are {@link HeadAttention}'s: {@code attentionDropout} is applied, while training, to the
 * mixing matrix A of operators that form one. qontot in mode {@code trainable} owns its
 * circuit angles θ here, as a parameter initialised to the operator's seeded angles.
 */
public final class MultiHeadAttention extends AbstractBlock {
  private final EncoderConfig config;
  private final AttentionOperator operator;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;
  private final Parameter theta;

  /** An attention layer for these sizes and operator. */
  public MultiHeadAttention(EncoderConfig config) {
    this.config = config;
    this.operator = config.operator();
    int d = config.dModel();
    this.query = addChildBlock("query_projection", Layers.pytorchLinear(d, d));
    this.key = addChildBlock("key_projection", Layers.pytorchLinear(d, d));
    this.value = addChildBlock("value_projection", Layers.pytorchLinear(d, d));
    this.out = addChildBlock("out_projection", Layers.pytorchLinear(d, d));
    this.theta = config.trainableTheta()
        ? addParameter(HeadAttention.thetaParameter((QontotAttention) operator, config.tokens())) : null;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, config.tokens(), config.dModel());
    query.initialize(manager, dataType, tokens);
    key.initialize(manager, dataType, tokens);
    value.initialize(manager, dataType, tokens);
    out.initialize(manager, dataType, tokens);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(attend(store, inputs.singletonOrThrow(), training, null));
  }

  /**
   * The layer's output {@code [B, N, d_model]}. With a probe, the probe's operator (if it has one) runs
   * in place of this layer's, and the probe records the mixing matrix {@code [B, H, N, N]} (or
   * {@code null} where the operator forms none) and the operator's output with the heads merged
   * ({@code [B, N, d_model]}, before the output projection).
   *
   * @param probe {@code null} for a plain forward pass
   */
  public NDArray attend(ParameterStore store, NDArray x, boolean training, Probe probe) {
    NDArray q = one(query, store, x, training);
    NDArray k = one(key, store, x, training);
    NDArray v = one(value, store, x, training);
    AttentionOperator op = probe != null && probe.operator() != null ? probe.operator()
        : HeadAttention.withTheta(operator, theta, store, x, training);
    AttentionResult result = HeadAttention.attend(op, q, k, v, config.nHeads(), config.attentionDropout(), training,
        probe != null);
    if (probe != null) {
      probe.weights().add(result.weights());
      probe.attentionOutputs().add(result.output());
    }
    return one(out, store, result.output(), training);
  }

  /** The single output of {@code block} on the single input {@code x}. */
  public static NDArray one(AbstractBlock block, ParameterStore store, NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
