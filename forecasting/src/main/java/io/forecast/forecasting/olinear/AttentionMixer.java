package io.forecast.forecasting.olinear;

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
 * A data-dependent variate mixer in NormLin's slot: {@code M = f(QKᵀ/√d)·V} with {@code Q = q_proj(h)},
 * {@code K = k_proj(h)} (Linear d_model → d_model each, added to the layer), {@code V = v_proj(h)} the
 * layer's own value projection, the operator f over {@code heads} heads ({@link HeadAttention}, which
 * drops entries of A while training at the layer's dropout rate, as NormLin and TSLib's attention do).
 * qontot in mode {@code trainable} owns its angles θ here.
 */
final class AttentionMixer extends AbstractBlock {
  private final int variates;
  private final int dModel;
  private final int heads;
  private final float dropout;
  private final AttentionOperator operator;
  private final Linear query;
  private final Linear key;
  private final Parameter theta;

  AttentionMixer(int variates, int dModel, float dropout, OLinearMixer mixer) {
    this.variates = variates;
    this.dModel = dModel;
    this.heads = mixer.heads();
    this.dropout = dropout;
    this.operator = mixer.operator();
    this.query = addChildBlock("query_projection", Layers.pytorchLinear(dModel, dModel));
    this.key = addChildBlock("key_projection", Layers.pytorchLinear(dModel, dModel));
    this.theta = mixer.trainableTheta()
        ? addParameter(HeadAttention.thetaParameter((QontotAttention) operator, variates)) : null;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, variates, dModel);
    query.initialize(manager, dataType, tokens);
    key.initialize(manager, dataType, tokens);
  }

  /** Input: the layer input h and the values v, both {@code [B, N, d_model]}; output M. */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(mix(store, inputs.get(0), inputs.get(1), training, false).output());
  }

  /**
   * {@code M [B, N, d_model]} for the layer input {@code h} and values {@code v}, and with
   * {@code withWeights} the mixing matrix {@code [B, H, N, N]} (where the operator forms one).
   */
  AttentionResult mix(ParameterStore store, NDArray h, NDArray v, boolean training, boolean withWeights) {
    NDArray q = LinearEncoderLayer.one(query, store, h, training);
    NDArray k = LinearEncoderLayer.one(key, store, h, training);
    AttentionOperator op = HeadAttention.withTheta(operator, theta, store, h, training);
    return HeadAttention.attend(op, q, k, v, heads, dropout, training, withWeights);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
