package io.forecast.forecasting.studies.sinks;

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
import io.forecast.attention.AttentionOps;
import io.forecast.attention.sink.PerHeadSinkAttention;
import io.forecast.forecasting.nn.Layers;
import io.forecast.forecasting.transformer.EncoderLayer;
import io.forecast.forecasting.transformer.MultiHeadAttention;
import io.forecast.forecasting.transformer.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * A study encoder as one DJL block: input {@code [B, T, C]}, output {@code [B, τ, C]}.
 *
 * <pre>
 * tokens = Linear_{P·C→D}(x reshaped to [B, T/P, P·C]) + sinusoidal positions      one token per patch
 * attention-only:  H ← MHA(H)            residual:  H ← H + MHA(H)            residual-mlp:  H ← EncoderLayer(H)
 * y = Linear_{N·D→τ·C}(H flattened) reshaped to [B, τ, C]
 * </pre>
 *
 * <p>The attention layers are the shared {@link MultiHeadAttention} / {@link EncoderLayer}. The window
 * variant, and a variant whose per-head b_h / β_h are trained ({@link StackConfig#learned()}: parameters
 * {@code logit_l}, {@code beta_l} [H] of this block, one pair per layer, read into a
 * {@link PerHeadSinkAttention} each pass), run through their probe hook ({@link Probe#operator()}).
 */
final class SinksNetwork extends AbstractBlock {
  private final StackConfig config;
  private final Linear embedding;
  private final List<MultiHeadAttention> attentions = new ArrayList<>();
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final Linear head;
  private final float[] positions;
  private final List<Parameter> logits = new ArrayList<>();
  private final List<Parameter> betas = new ArrayList<>();

  SinksNetwork(StackConfig config) {
    this.config = config;
    int d = config.encoder().dModel();
    int n = config.tokens();
    this.embedding = addChildBlock("embedding", Layers.pytorchLinear(d, (long) config.patch() * config.variates()));
    for (int i = 0; i < config.layers(); i++) {
      if (config.architecture() == Architecture.FULL) {
        layers.add(addChildBlock("layer_" + i, new EncoderLayer(config.encoder())));
      } else {
        attentions.add(addChildBlock("attention_" + i, new MultiHeadAttention(config.encoder())));
      }
    }
    this.head = addChildBlock("head", Layers.pytorchLinear((long) config.predLen() * config.variates(), (long) n * d));
    this.positions = sinusoid(n, d);
    StackConfig.Learned learned = config.learned();
    for (int i = 0; learned != null && i < config.layers(); i++) {
      logits.add(learned.variant().hasLogit() ? addParameter(perHead("logit_" + i, learned.logit())) : null);
      betas.add(learned.variant().hasDiagonal() ? addParameter(perHead("beta_" + i, learned.diagonal())) : null);
    }
  }

  private Parameter perHead(String name, double start) {
    int heads = config.encoder().nHeads();
    return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(heads))
        .optInitializer((manager, shape, type) -> manager.full(shape, (float) start, type)).build();
  }

  StackConfig config() {
    return config;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    int n = config.tokens();
    int d = config.encoder().dModel();
    embedding.initialize(manager, dataType, new Shape(1, n, (long) config.patch() * config.variates()));
    Shape tokens = new Shape(1, n, d);
    for (MultiHeadAttention a : attentions) {
      a.initialize(manager, dataType, tokens);
    }
    for (EncoderLayer l : layers) {
      l.initialize(manager, dataType, tokens);
    }
    head.initialize(manager, dataType, new Shape(1, (long) n * d));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forecast(store, inputs.singletonOrThrow(), training, null));
  }

  /**
   * The forecast {@code [B, τ, C]} of inputs {@code [B, T, C]}.
   *
   * @param probe records the token states (the embedded tokens first, then each layer's output) and mixing
   *     matrices; {@code null} for a plain forward pass
   */
  NDArray forecast(ParameterStore store, NDArray x, boolean training, Probe probe) {
    Shape shape = x.getShape();
    if (shape.dimension() != 3 || shape.get(1) != config.seqLen() || shape.get(2) != config.variates()) {
      throw new IllegalArgumentException("expected input [B, " + config.seqLen() + ", " + config.variates() + "], got "
          + shape);
    }
    long b = shape.get(0);
    int n = config.tokens();
    int d = config.encoder().dModel();
    NDArray patches = x.reshape(b, n, (long) config.patch() * config.variates());
    NDArray h = MultiHeadAttention.one(embedding, store, patches, training)
        .add(x.getManager().create(positions, new Shape(n, d)));
    h = encode(store, h, training, probe);
    return MultiHeadAttention.one(head, store, h.reshape(b, (long) n * d), training)
        .reshape(b, config.predLen(), config.variates());
  }

  /**
   * The attention stack over tokens {@code [B, N, D]}.
   *
   * @param probe as in {@link #forecast}; it must run {@link StackConfig#swap()}
   */
  NDArray encode(ParameterStore store, NDArray h, boolean training, Probe probe) {
    if (probe != null) {
      probe.tokenStates().add(h);
    }
    boolean full = config.architecture() == Architecture.FULL;
    for (int l = 0; l < config.layers(); l++) {
      AttentionOperator op = operator(store, h, training, l);
      Probe layerProbe = op != null ? Probe.running(op) : probe;
      if (full) {
        h = layers.get(l).apply(store, h, training, layerProbe);
      } else {
        NDArray o = attentions.get(l).attend(store, h, training, layerProbe);
        h = config.architecture() == Architecture.RESIDUAL ? h.add(o) : o;
      }
      if (probe != null) {
        if (layerProbe != probe) {
          probe.weights().addAll(layerProbe.weights());
          probe.attentionOutputs().addAll(layerProbe.attentionOutputs());
        }
        if (!full || layerProbe != probe) {
          probe.tokenStates().add(h);
        }
      }
    }
    return h;
  }

  /** Layer {@code l}'s operator in place of the registry one: the learned variant, the swap, or {@code null}. */
  private AttentionOperator operator(ParameterStore store, NDArray x, boolean training, int l) {
    StackConfig.Learned learned = config.learned();
    if (learned == null) {
      return config.swap();
    }
    return PerHeadSinkAttention.of(learned.variant().registryName(), value(store, logits.get(l), x, training),
        value(store, betas.get(l), x, training), learned.sinkValue());
  }

  /** A parameter's value as a copy on autograd's tape, freed with the batch of {@code x}. */
  private static NDArray value(ParameterStore store, Parameter p, NDArray x, boolean training) {
    if (p == null) {
      return null;
    }
    NDArray v = store.getValue(p, x.getDevice(), training);
    return Layers.local(v.add(AttentionOps.scalar(x, 0)), x.getManager());
  }

  /** The learned values per layer ({@code [layers][heads]}), b_h ({@code logits}) or β_h; empty when none. */
  List<Parameter> learnedParameters(boolean logit) {
    return logit ? logits : betas;
  }

  /** PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(t / 10000^(2i/D)), row-major {@code [n, d]}. */
  static float[] sinusoid(int n, int d) {
    float[] pe = new float[n * d];
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < d; c++) {
        double rate = Math.pow(10000, -(double) (c - c % 2) / d);
        pe[t * d + c] = (float) (c % 2 == 0 ? Math.sin(t * rate) : Math.cos(t * rate));
      }
    }
    return pe;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.predLen(), config.variates())};
  }
}
