package io.forecast.forecasting.olinear;

import io.forecast.forecasting.nn.Layers;

import ai.djl.Device;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.qr.QrAttention;
import io.forecast.attention.sinkhorn.SinkhornAttention;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NormLin: cross-variate mixing {@code M = A·V} with a learned row-stochastic {@code A =
 * rowNormL1(softplus(W))}, {@code W ∈ R^{N×N}} initialised to {@code I + N(0,1)}; dropout is
 * applied to {@code A} itself during training.
 *
 * <p>With a normaliser operator ({@link OLinearMixer}), A is instead input-independent and doubly
 * stochastic: {@code normlin-sinkhorn} runs the sinkhorn operator on the logits {@code log softplus(W)}
 * ({@code A = Sinkhorn(log softplus(W))}), {@code normlin-qr} the qr operator on W itself ({@code W = U·R},
 * {@code A = U∘U}); either is computed once per batch, with the same dropout on A.
 *
 * <p>Input and output {@code [B, N, d]}.
 */
public final class NormLin extends AbstractBlock {
  private final int variates;
  private final float dropout;
  /** Added to softplus(W) before its log, so that a very negative weight gives a finite logit. */
  private static final float MIN_SOFTPLUS = 1e-30f;

  private final Parameter weight;
  private final AttentionOperator normaliser;
  /** A for inference passes, built once per set of weights. */
  private final InferenceCache.Slot inferenceCache = new InferenceCache.Slot();

  /** Creates the mixer for {@code variates} tokens with dropout {@code dropout} on A. */
  public NormLin(int variates, float dropout) {
    this(variates, dropout, null);
  }

  /**
   * Creates the mixer with a normaliser: {@code null} for the row L1 normalisation of softplus(W),
   * a {@link SinkhornAttention} for {@code Sinkhorn(log softplus(W))}, a {@link QrAttention} for
   * {@code QR(W)}.
   */
  NormLin(int variates, float dropout, AttentionOperator normaliser) {
    if (variates < 1) {
      throw new IllegalArgumentException("variates must be at least 1, got " + variates);
    }
    this.variates = variates;
    this.dropout = dropout;
    if (normaliser != null && !(normaliser instanceof SinkhornAttention || normaliser instanceof QrAttention)) {
      throw new IllegalArgumentException("NormLin normalises W with sinkhorn or qr only, got " + normaliser.name());
    }
    this.normaliser = normaliser;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight_mat")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(variates, variates))
                .optInitializer(new IdentityPlusNormalInitializer())
                .build());
  }

  /**
   * The mixing matrix {@code A} ({@code [N, N]}, rows sum to 1), created in {@code manager};
   * with dropout applied when {@code training}.
   */
  public NDArray mixingMatrix(
      ParameterStore store, NDManager manager, Device device, boolean training) {
    NDArray w = store.getValue(weight, device, training);
    if (normaliser == null) {
      NDArray positive = Layers.local(Activation.softPlus(w), manager);
      NDArray rows = positive.normalize(1, -1, 1e-12);
      return Layers.dropout(rows, dropout, training);
    }
    NDArray identity = manager.eye(variates).toType(w.getDataType(), false).expandDims(0);
    NDArray scores;
    if (normaliser instanceof SinkhornAttention) {
      // the operator scales Q·Kᵀ by d^-1/2 (d = N here): pre-scaling by √N makes its scores exactly the logits
      NDArray logits = Layers.local(Activation.softPlus(w), manager).add(MIN_SOFTPLUS).log();
      scores = logits.mul((float) Math.sqrt(variates)).expandDims(0);
    } else {
      scores = Layers.local(w.reshape(1, variates, variates), manager);
    }
    // Q = scores, K = V = I: Q·Kᵀ = scores and the output is A itself
    NDArray a = normaliser.apply(scores, identity, identity, null, false).output().squeeze(0);
    return Layers.dropout(a, dropout, training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray v = inputs.singletonOrThrow();
    if (InferenceCache.applies(training)) {
      return new NDList(Layers.local(inferenceMixing(store, v.getDevice()).matMul(v), v.getManager()));
    }
    NDArray a = mixingMatrix(store, v.getManager(), v.getDevice(), training);
    return new NDList(a.matMul(v));
  }

  /** A for inference passes (no dropout), built once per set of weights; owned by the cache. */
  NDArray inferenceMixing(ParameterStore store, Device device) {
    return inferenceCache.get(() -> store.getValue(weight, device, false).getManager(),
        m -> new NDArray[] {mixingMatrix(store, m, device, false)}).get(0);
  }

  /** Forgets the cached inference A; call after the weight changes in place. */
  void weightsChanged() {
    inferenceCache.clear();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Number of mixed tokens N. */
  public int variates() {
    return variates;
  }
}
