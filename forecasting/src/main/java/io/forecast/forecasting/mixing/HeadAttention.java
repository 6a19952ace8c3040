package io.forecast.forecasting.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.forecasting.nn.Layers;

/**
 * Multi-head attention with a registered operator over already projected tokens (TSLib's
 * {@code AttentionLayer} without its projections): {@code q, k, v [B, N, d_model]} are split into
 * {@code heads} heads of {@code d_model/heads} features ({@code [B, H, N, d]}), the operator runs on
 * them, and the heads are concatenated back to {@code [B, N, d_model]}. No mask.
 *
 * <p>Attention dropout is applied, while training, to the mixing matrix A of operators that form one:
 * {@code O' = Drop(A)·V + (O − A·V)}, so that an operator whose output has a part outside A·V (a sink
 * token's value) keeps it. Operators that never form A (monarch, delta) get no attention dropout.
 *
 * <p>qontot in mode {@code trainable} takes its circuit angles θ from a parameter of the owning block
 * ({@link #thetaParameter}, {@link #withTheta}).
 */
public final class HeadAttention {
  private HeadAttention() {}

  /**
   * The heads' merged output {@code [B, N, d_model]} and, with {@code withWeights}, the operator's mixing
   * matrix {@code [B, H, N, N]} (where the operator forms one; {@code null} otherwise).
   *
   * @param operator the operator (with its angles, see {@link #withTheta})
   * @param q queries {@code [B, N, d_model]}
   * @param k keys {@code [B, N, d_model]}
   * @param v values {@code [B, N, d_model]}
   * @param heads heads; divides d_model
   * @param dropout rate of the dropout on A while training
   */
  public static AttentionResult attend(AttentionOperator operator, NDArray q, NDArray k, NDArray v, int heads,
      double dropout, boolean training, boolean withWeights) {
    long b = q.getShape().get(0);
    long n = q.getShape().get(1);
    long width = q.getShape().get(2);
    long dh = width / heads;
    NDArray qh = split(q, b, n, heads, dh);
    NDArray kh = split(k, b, n, heads, dh);
    NDArray vh = split(v, b, n, heads, dh);
    float rate = (float) dropout;
    boolean dropWeights = training && rate > 0 && operator.hasWeights();
    AttentionResult result = operator.apply(qh, kh, vh, null, withWeights || dropWeights);
    NDArray o = result.output();
    if (dropWeights && result.weights() != null) {
      NDArray a = result.weights();
      o = Layers.dropout(a, rate, true).matMul(vh).add(o.sub(a.matMul(vh)));
    }
    NDArray merged = o.transpose(0, 2, 1, 3).reshape(b, n, (long) heads * dh);
    return new AttentionResult(merged, withWeights ? result.weights() : null);
  }

  private static NDArray split(NDArray x, long b, long n, int h, long dh) {
    return x.reshape(b, n, h, dh).transpose(0, 2, 1, 3);
  }

  /**
   * A parameter {@code theta} holding the trainable angles of {@code operator} for {@code tokens} tokens,
   * initialised to the operator's seeded angles.
   */
  public static Parameter thetaParameter(QontotAttention operator, int tokens) {
    double[] start = operator.initialTheta(tokens);
    return Parameter.builder().setName("theta").setType(Parameter.Type.WEIGHT)
        .optShape(new ai.djl.ndarray.types.Shape(start.length)).optInitializer(values(start)).build();
  }

  private static Initializer values(double[] start) {
    return (manager, shape, dataType) -> manager.create(start).toType(dataType, false).reshape(shape);
  }

  /**
   * {@code operator} with the angles of {@code theta} ({@code null}: the operator itself), read from
   * {@code store} as a copy freed with the batch of {@code x}, on autograd's tape.
   */
  public static AttentionOperator withTheta(AttentionOperator operator, Parameter theta, ParameterStore store,
      NDArray x, boolean training) {
    if (theta == null) {
      return operator;
    }
    NDArray angles = store.getValue(theta, x.getDevice(), training);
    // a copy freed with the batch, on autograd's tape (the operator's results then land in q's manager)
    NDArray local = Layers.local(angles.add(AttentionOps.scalar(x, 0)), x.getManager());
    return ((QontotAttention) operator).withTheta(local);
  }
}
