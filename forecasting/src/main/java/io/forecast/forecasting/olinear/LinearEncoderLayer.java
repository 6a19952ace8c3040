package io.forecast.forecasting.olinear;

import io.forecast.forecasting.nn.Layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One OLinear encoder layer ({@code LinearEncoder} in the official code), post-norm, over tokens
 * {@code [B, N, d_model]}:
 *
 * <pre>
 * V = v_proj(h);  M = NormLin(V)
 * h = LayerNorm1(h + dropout(out_proj(M)))
 * F = dropout(GELU(ffn1(h)));  F = dropout(ffn2(F))
 * h = LayerNorm2(h + F)
 * </pre>
 *
 * <p>The mixer ({@link OLinearMixer}) decides how M is formed: NormLin and its input-independent doubly
 * stochastic variants ({@link NormLin}), or an attention operator with q/k projections of h
 * ({@link AttentionMixer}). Everything else is the same for every mixer.
 */
public final class LinearEncoderLayer extends AbstractBlock {
  private final int variates;
  private final int dModel;
  private final float dropout;
  private final Linear valueProjection;
  private final NormLin normLin;
  private final AttentionMixer attention;
  private final Linear outputProjection;
  private final LayerNorm norm1;
  private final Linear ffnUp;
  private final Linear ffnDown;
  private final LayerNorm norm2;
  private final InferenceCache.Slot inferenceCache = new InferenceCache.Slot();

  /** Creates a layer for {@code variates} tokens of width {@code dModel}. */
  public LinearEncoderLayer(int variates, int dModel, int dFf, float dropout) {
    this(variates, dModel, dFf, dropout, OLinearMixer.DEFAULT);
  }

  /** Creates a layer whose variate mixer is {@code mixer}. */
  public LinearEncoderLayer(int variates, int dModel, int dFf, float dropout, OLinearMixer mixer) {
    this.variates = variates;
    this.dModel = dModel;
    this.dropout = dropout;
    this.valueProjection = addChildBlock("v_proj", Layers.pytorchLinear(dModel, dModel));
    if (mixer.dataDependent()) {
      this.normLin = null;
      this.attention = addChildBlock("attention_mixer", new AttentionMixer(variates, dModel, dropout, mixer));
    } else {
      this.normLin = addChildBlock("norm_lin", new NormLin(variates, dropout, mixer.operator()));
      this.attention = null;
    }
    this.outputProjection = addChildBlock("out_proj", Layers.pytorchLinear(dModel, dModel));
    this.norm1 = addChildBlock("norm1", Layers.lastAxisLayerNorm(3));
    this.ffnUp = addChildBlock("conv1", Layers.pytorchLinear(dFf, dModel));
    this.ffnDown = addChildBlock("conv2", Layers.pytorchLinear(dModel, dFf));
    this.norm2 = addChildBlock("norm2", Layers.lastAxisLayerNorm(3));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape tokens = new Shape(1, variates, dModel);
    valueProjection.initialize(manager, dataType, tokens);
    if (normLin != null) {
      normLin.initialize(manager, dataType, tokens);
    } else {
      attention.initialize(manager, dataType, tokens, tokens);
    }
    outputProjection.initialize(manager, dataType, tokens);
    norm1.initialize(manager, dataType, tokens);
    ffnUp.initialize(manager, dataType, tokens);
    ffnDown.initialize(manager, dataType, ffnUp.getOutputShapes(new Shape[] {tokens}));
    norm2.initialize(manager, dataType, tokens);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = inputs.singletonOrThrow();
    NDArray crossSeries;
    if (normLin != null && InferenceCache.applies(training)) {
      crossSeries = foldedCrossSeries(store, h);
    } else {
      NDArray v = one(valueProjection, store, h, training);
      NDArray mixed = normLin != null ? one(normLin, store, v, training)
          : attention.mix(store, h, v, training, false).output();
      crossSeries = Layers.dropout(one(outputProjection, store, mixed, training), dropout, training);
    }
    h = one(norm1, store, h.add(crossSeries), training);
    NDArray f = Layers.dropout(Activation.gelu(one(ffnUp, store, h, training)), dropout, training);
    f = Layers.dropout(one(ffnDown, store, f, training), dropout, training);
    return new NDList(one(norm2, store, h.add(f), training));
  }

  /**
   * {@code out_proj(A·v_proj(h))} of an inference pass with a NormLin mixer as {@code (A·h)·(W_o·W_v)ᵀ + C}
   * ({@link InferenceFolds#mixing}): one {@code d_model × d_model} product per token instead of two.
   */
  private NDArray foldedCrossSeries(ParameterStore store, NDArray h) {
    Device device = h.getDevice();
    NDArray a = normLin.inferenceMixing(store, device);
    InferenceCache fold = inferenceCache.get(
        () -> parameter(valueProjection, "weight", store, device).getManager(), m -> InferenceFolds.mixing(m, a,
        parameter(valueProjection, "weight", store, device), parameter(valueProjection, "bias", store, device),
        parameter(outputProjection, "weight", store, device), parameter(outputProjection, "bias", store, device)));
    NDArray mixed = Layers.local(a.matMul(h), h.getManager());
    return Linear.linear(mixed, fold.get(0)).singletonOrThrow().add(fold.get(1));
  }

  /** The value of {@code linear}'s parameter {@code name} ("weight" or "bias") for an inference pass. */
  static NDArray parameter(Linear linear, String name, ParameterStore store, Device device) {
    return store.getValue(linear.getParameters().get(name), device, false);
  }

  /** Forgets the arrays folded from the weights for inference; call after the weights change in place. */
  void weightsChanged() {
    inferenceCache.clear();
    if (normLin != null) {
      normLin.weightsChanged();
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** The NormLin mixer of this layer ({@code null} when the mixer is an attention operator). */
  public NormLin normLin() {
    return normLin;
  }

  /**
   * The mixing matrix A this layer applies to {@code v_proj(h)} for input {@code h [B, N, d_model]}:
   * {@code [N, N]} for the NormLin mixers (input-independent), {@code [B, H, N, N]} for an attention
   * mixer ({@code null} if its operator forms none).
   */
  NDArray mixingMatrix(ParameterStore store, NDArray h, boolean training) {
    if (normLin != null) {
      return normLin.mixingMatrix(store, h.getManager(), h.getDevice(), training);
    }
    NDArray v = one(valueProjection, store, h, training);
    return attention.mix(store, h, v, training, true).weights();
  }

  static NDArray one(AbstractBlock block, ParameterStore store, NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }
}
