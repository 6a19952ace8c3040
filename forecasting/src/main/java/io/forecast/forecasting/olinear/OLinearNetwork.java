package io.forecast.forecasting.olinear;

import io.forecast.forecasting.nn.Layers;
import io.forecast.forecasting.nn.RevIn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The OLinear network as one DJL block: input {@code [B, T, N]}, output {@code [B, τ, N]}; see
 * the package documentation for the pass, step by step.
 *
 * <p>The orthogonal matrices are constants given as row-major float arrays whose rows are the
 * eigenvectors ({@code Q_in}: T×T, {@code Q_out}: τ×τ). They are materialised in the manager given
 * to {@link #initialize} and are not parameters.
 */
public final class OLinearNetwork extends AbstractBlock {
  private final OLinearConfig config;
  private final float[] qIn;
  private final float[] qOut;
  private final RevIn revIn;
  private final Parameter embeddings;
  private final Parameter delta1;
  private final Parameter delta2;
  private final Linear inputProjection;
  private final List<LinearEncoderLayer> layers = new ArrayList<>();
  private final LayerNorm encoderNorm;
  private final Linear outputProjection;
  private final Linear headUp;
  private final Linear headDown;
  private NDArray qInTransposed;
  private NDArray qOutMatrix;
  /** Folded arrays of inference passes: {head weight, head bias[, input weight, input shift]}. */
  private final InferenceCache.Slot inferenceCache = new InferenceCache.Slot();

  /**
   * Creates the (uninitialised) network.
   *
   * @param config the hyper-parameters
   * @param qIn {@code T×T} row-major, rows = eigenvectors; copied
   * @param qOut {@code τ×τ} row-major, rows = eigenvectors; copied
   * @throws IllegalArgumentException if a matrix has the wrong length or a non-finite value
   */
  public OLinearNetwork(OLinearConfig config, float[] qIn, float[] qOut) {
    this.config = Objects.requireNonNull(config, "config");
    this.qIn = checkSquare("qIn", qIn, config.seqLen());
    this.qOut = checkSquare("qOut", qOut, config.predLen());
    int t = config.seqLen();
    int tau = config.predLen();
    int n = config.variates();
    int d = config.embedSize();
    float p = (float) config.dropout();
    this.revIn = addChildBlock("revin", new RevIn(n));
    this.embeddings =
        addParameter(
            Parameter.builder()
                .setName("embeddings")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(d))
                .optInitializer(new NormalInitializer(1f))
                .build());
    this.delta1 = addParameter(zeroParameter("delta1", new Shape(n, t)));
    this.delta2 = addParameter(zeroParameter("delta2", new Shape(n, tau)));
    this.inputProjection =
        addChildBlock("ortho_trans_linear", Layers.pytorchLinear(config.dModel(), (long) t * d));
    for (int i = 0; i < config.eLayers(); i++) {
      layers.add(
          addChildBlock(
              "encoder_" + i, new LinearEncoderLayer(n, config.dModel(), config.dFf(), p, config.mixer())));
    }
    this.encoderNorm = addChildBlock("encoder_norm", Layers.lastAxisLayerNorm(3));
    this.outputProjection =
        addChildBlock("output_linear", Layers.pytorchLinear((long) tau * d, config.dModel()));
    this.headUp = addChildBlock("fc_up", Layers.pytorchLinear(config.dFf(), (long) tau * d));
    this.headDown = addChildBlock("fc_down", Layers.pytorchLinear(tau, config.dFf()));
  }

  private static Parameter zeroParameter(String name, Shape shape) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(shape)
        .optInitializer(Initializer.ZEROS)
        .build();
  }

  private static float[] checkSquare(String name, float[] matrix, int size) {
    Objects.requireNonNull(matrix, name);
    if (matrix.length != size * size) {
      throw new IllegalArgumentException(
          name + " must hold " + size + "x" + size + " = " + (size * size) + " values, got "
              + matrix.length);
    }
    for (float v : matrix) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(name + " contains a non-finite value");
      }
    }
    return matrix.clone();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    int t = config.seqLen();
    int tau = config.predLen();
    int n = config.variates();
    int d = config.embedSize();
    revIn.initialize(manager, dataType, new Shape(1, t, n));
    inputProjection.initialize(manager, dataType, new Shape(1, n, (long) t * d));
    Shape tokens = new Shape(1, n, config.dModel());
    for (LinearEncoderLayer layer : layers) {
      layer.initialize(manager, dataType, tokens);
    }
    encoderNorm.initialize(manager, dataType, tokens);
    outputProjection.initialize(manager, dataType, tokens);
    headUp.initialize(manager, dataType, new Shape(1, n, (long) tau * d));
    headDown.initialize(manager, dataType, new Shape(1, n, config.dFf()));
    if (qInTransposed == null) {
      qInTransposed = constant(manager, transpose(qIn, t), t);
      qOutMatrix = constant(manager, qOut, tau);
    }
  }

  private static NDArray constant(NDManager manager, float[] values, int size) {
    ByteBuffer buffer = manager.allocateDirect(values.length * Float.BYTES);
    buffer.order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
    NDArray array = manager.create(buffer, new Shape(size, size), DataType.FLOAT32);
    array.setRequiresGradient(false);
    return array;
  }

  private static float[] transpose(float[] square, int size) {
    float[] out = new float[square.length];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        out[j * size + i] = square[i * size + j];
      }
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forecast(store, inputs.singletonOrThrow(), training));
  }

  /** The forecast {@code [B, τ, N]} for inputs {@code [B, T, N]}. */
  public NDArray forecast(ParameterStore store, NDArray x, boolean training) {
    Shape shape = x.getShape();
    int t = config.seqLen();
    int tau = config.predLen();
    int n = config.variates();
    int d = config.embedSize();
    if (shape.dimension() != 3 || shape.get(1) != t || shape.get(2) != n) {
      throw new IllegalArgumentException(
          "expected input [B, " + t + ", " + n + "], got " + shape);
    }
    if (training) {
      weightsChanged(); // the optimiser is about to move the weights
    }
    long batch = shape.get(0);
    NDManager manager = x.getManager();
    Device device = x.getDevice();
    float p = (float) config.dropout();

    RevIn.Statistics stats = revIn.statistics(x);
    NDArray series = revIn.normalize(store, x, stats, training).transpose(0, 2, 1); // [B,N,T]
    NDArray h =
        config.rank1Shortcut()
            ? projectShortcut(store, series, training)
            : projectLiteral(store, series, training);
    for (LinearEncoderLayer layer : layers) {
      h = LinearEncoderLayer.one(layer, store, h, training);
    }
    h = LinearEncoderLayer.one(encoderNorm, store, h, training);
    NDArray hidden;
    if (InferenceCache.applies(training)) {
      InferenceCache folded = inferenceCache(store, device);
      hidden = Activation.gelu(Linear.linear(h, folded.get(0)).singletonOrThrow().add(folded.get(1)));
    } else {
      NDArray u = LinearEncoderLayer.one(outputProjection, store, h, training).reshape(batch, n, d, tau);
      NDArray shift2 =
          Layers.local(store.getValue(delta2, device, training).reshape(n, 1, tau), manager);
      NDArray y = u.matMul(qOutMatrix).add(shift2); // [B,N,D,tau]
      NDArray flat = y.transpose(0, 1, 3, 2).reshape(batch, n, (long) tau * d); // t*D + d
      hidden = Activation.gelu(LinearEncoderLayer.one(headUp, store, flat, training));
    }
    NDArray out = LinearEncoderLayer.one(headDown, store, hidden, training).transpose(0, 2, 1);
    out = Layers.dropout(out, p, training);
    return revIn.denormalize(store, out, stats, training);
  }

  /** Steps 2–6 literally: φ-extension, OrthoTrans, flatten (d·T + t), Linear. */
  private NDArray projectLiteral(ParameterStore store, NDArray series, boolean training) {
    NDManager manager = series.getManager();
    Device device = series.getDevice();
    long batch = series.getShape().get(0);
    int t = config.seqLen();
    int n = config.variates();
    int d = config.embedSize();
    NDArray phi = store.getValue(embeddings, device, training);
    NDArray shift1 =
        Layers.local(store.getValue(delta1, device, training).reshape(n, 1, t), manager);
    NDArray extended = series.expandDims(3).mul(phi).transpose(0, 1, 3, 2); // [B,N,D,T]
    NDArray z = extended.matMul(qInTransposed).add(shift1);
    return LinearEncoderLayer.one(inputProjection, store, z.reshape(batch, n, (long) d * t), training);
  }

  /**
   * Steps 2–6 through the rank-1 identity: {@code (Σ_d φ_d W_d)·(Q_in x) + (Σ_d W_d)·δ1 + b}
   * with {@code W_d} the d-th T-column block of the first Linear's weight.
   */
  private NDArray projectShortcut(ParameterStore store, NDArray series, boolean training) {
    if (InferenceCache.applies(training)) { // Q_in folded into the weight too: one product
      InferenceCache folded = inferenceCache(store, series.getDevice());
      return Linear.linear(series, folded.get(2)).singletonOrThrow().add(folded.get(3));
    }
    NDArray[] folded = foldShortcut(store, series.getManager(), series.getDevice(), training);
    NDArray coefficients = series.matMul(qInTransposed); // [B,N,T] = Q_in x per variate
    return Linear.linear(coefficients, folded[0]).singletonOrThrow().add(folded[1]);
  }

  /**
   * The parameter-only part of the shortcut, in {@code manager}: the effective weight {@code Σ_d φ_d W_d}
   * ({@code [dModel, T]}) and the shift term {@code (Σ_d W_d)·δ1 + b} ({@code [N, dModel]}).
   */
  private NDArray[] foldShortcut(ParameterStore store, NDManager manager, Device device, boolean training) {
    int t = config.seqLen();
    int d = config.embedSize();
    long dModel = config.dModel();
    NDArray weight =
        store.getValue(inputProjection.getParameters().get("weight"), device, training);
    NDArray bias = store.getValue(inputProjection.getParameters().get("bias"), device, training);
    NDArray phi = store.getValue(embeddings, device, training);
    NDArray shift1 = store.getValue(delta1, device, training);
    NDArray blocks = Layers.local(weight.reshape(dModel, d, t), manager);
    NDArray phiColumn = Layers.local(phi.reshape(1, d, 1), manager);
    NDArray effective = blocks.mul(phiColumn).sum(new int[] {1}); // [dModel, T]
    NDArray blockSum = blocks.sum(new int[] {1}); // [dModel, T]
    NDArray shiftTerm = Layers.local(shift1.matMul(blockSum.transpose()), manager).add(bias);
    return new NDArray[] {effective, shiftTerm};
  }

  /**
   * The arrays inference passes fold from the weights ({@link InferenceFolds}), built once per set of
   * weights: the head's weight and bias, then, on the rank-1 shortcut, the input weight with Q_in folded
   * in and the shift term.
   */
  private InferenceCache inferenceCache(ParameterStore store, Device device) {
    return inferenceCache.get(() -> qInTransposed.getManager(), m -> {
      NDArray[] head = InferenceFolds.head(m,
          LinearEncoderLayer.parameter(outputProjection, "weight", store, device),
          LinearEncoderLayer.parameter(outputProjection, "bias", store, device),
          qOutMatrix, store.getValue(delta2, device, false),
          LinearEncoderLayer.parameter(headUp, "weight", store, device),
          LinearEncoderLayer.parameter(headUp, "bias", store, device),
          config.embedSize());
      if (!config.rank1Shortcut()) {
        return head;
      }
      NDArray[] shortcut = foldShortcut(store, m, device, false);
      return new NDArray[] {head[0], head[1], InferenceFolds.input(m, shortcut[0], qInTransposed), shortcut[1]};
    });
  }

  /**
   * Forgets the arrays the forward pass derived from the weights for inference; call after the
   * weights change in place (training does it on every training forward pass, {@code restore} and
   * loading through {@link OLinearModel}).
   */
  public void weightsChanged() {
    inferenceCache.clear();
    for (LinearEncoderLayer layer : layers) {
      layer.weightsChanged();
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {
      new Shape(inputShapes[0].get(0), config.predLen(), config.variates())
    };
  }

  /** The hyper-parameters. */
  public OLinearConfig config() {
    return config;
  }

  /** The encoder layers, in order. */
  public List<LinearEncoderLayer> layers() {
    return List.copyOf(layers);
  }

  /** The RevIN layer. */
  public RevIn revIn() {
    return revIn;
  }
}
