package io.forecast.forecasting.itransformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.forecasting.nn.Layers;

/**
 * TSLib's {@code AttentionLayer} around any registered operator, over tokens {@code [B, N, d_model]}:
 * Linear q/k/v projections d_model → d_model split into {@code nHeads} heads of d = d_model/nHeads
 * features ({@code [B, H, N, d]}), the operator, the heads concatenated back, and the output
 * projection. No mask (encoder self-attention over variates).
 *
 * <p>Attention dropout (TSLib's {@code FullAttention} drops the softmax weights) is applied, while
 * training, to the mixing matrix A of operators that form one: {@code O' = Drop(A)·V + (O − A·V)}, so
 * that an operator whose output has a part outside A·V (a sink token's value) keeps it. Operators that
 * never form A (monarch, delta) get no attention dropout. qontot in mode {@code trainable} owns its
 * circuit angles θ here, as a parameter initialised to the operator's seeded angles.
 */
final class MultiHeadAttention extends AbstractBlock {
  private final ITransformerConfig config;
  private final AttentionOperator operator;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;
  private final Parameter theta;

  MultiHeadAttention(ITransformerConfig config) {
    this.config = config;
    this.operator = config.operator();
    int d = config.dModel();
    this.query = addChildBlock("query_projection", Layers.pytorchLinear(d, d));
    this.key = addChildBlock("key_projection", Layers.pytorchLinear(d, d));
    this.value = addChildBlock("value_projection", Layers.pytorchLinear(d, d));
    this.out = addChildBlock("out_projection", Layers.pytorchLinear(d, d));
    if (config.trainableTheta()) {
      QontotAttention q = (QontotAttention) operator;
      double[] start = q.initialTheta(config.variates());
      this.theta = addParameter(Parameter.builder().setName("theta").setType(Parameter.Type.WEIGHT)
          .optShape(new Shape(start.length)).optInitializer(values(start)).build());
    } else {
      this.theta = null;
    }
  }

  private static Initializer values(double[] start) {
    return (manager, shape, dataType) -> manager.create(start).toType(dataType, false).reshape(shape);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, config.variates(), config.dModel());
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
  NDArray attend(ParameterStore store, NDArray x, boolean training, Probe probe) {
    boolean withWeights = probe != null;
    long b = x.getShape().get(0);
    int n = config.variates();
    int h = config.nHeads();
    int dh = config.headSize();
    NDArray q = heads(one(query, store, x, training), b, n, h, dh);
    NDArray k = heads(one(key, store, x, training), b, n, h, dh);
    NDArray v = heads(one(value, store, x, training), b, n, h, dh);
    AttentionOperator op = operator;
    if (probe != null && probe.operator() != null) {
      op = probe.operator();
    } else if (theta != null) {
      NDArray angles = store.getValue(theta, x.getDevice(), training);
      // a copy freed with the batch, on autograd's tape (the operator's results then land in q's manager)
      NDArray local = Layers.local(angles.add(AttentionOps.scalar(x, 0)), x.getManager());
      op = ((QontotAttention) operator).withTheta(local);
    }
    float rate = (float) config.attentionDropout();
    boolean dropWeights = training && rate > 0 && op.hasWeights();
    AttentionResult result = op.apply(q, k, v, null, withWeights || dropWeights);
    NDArray o = result.output();
    if (dropWeights && result.weights() != null) {
      NDArray a = result.weights();
      o = Layers.dropout(a, rate, true).matMul(v).add(o.sub(a.matMul(v)));
    }
    NDArray merged = o.transpose(0, 2, 1, 3).reshape(b, n, (long) h * dh);
    if (probe != null) {
      probe.weights().add(result.weights());
      probe.attentionOutputs().add(merged);
    }
    return one(out, store, merged, training);
  }

  private static NDArray heads(NDArray x, long b, int n, int h, int dh) {
    return x.reshape(b, n, h, dh).transpose(0, 2, 1, 3);
  }

  static NDArray one(AbstractBlock block, ParameterStore store, NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
