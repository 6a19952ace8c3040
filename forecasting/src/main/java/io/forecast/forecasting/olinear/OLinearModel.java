package io.forecast.forecasting.olinear;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.forecast.data.SlidingWindows;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An initialised {@link OLinearNetwork} together with the native memory it owns: forward passes,
 * batched prediction over {@link SlidingWindows}, parameter snapshots and persistence.
 *
 * <p>Callers run each batch in a sub-manager of {@link #manager()} and close it afterwards; the
 * model attaches every result it creates from parameters alone to the input's manager, so the
 * model's own manager does not grow. Close the model to free its parameters.
 */
public final class OLinearModel implements AutoCloseable {
  private static final int MAGIC = 0x4F4C4E52; // "OLNR"
  private static final int FORMAT_VERSION = 1;

  private final OLinearConfig config;
  private final NDManager manager;
  private final OLinearNetwork network;
  private final ParameterStore parameterStore;
  private final List<String> parameterNames;
  private final List<Parameter> parameters;

  private OLinearModel(OLinearConfig config, NDManager manager, OLinearNetwork network) {
    this.config = config;
    this.manager = manager;
    this.network = network;
    this.parameterStore = new ParameterStore(manager, false);
    List<String> names = new ArrayList<>();
    List<Parameter> params = new ArrayList<>();
    for (Pair<String, Parameter> pair : network.getParameters()) {
      names.add(pair.getKey());
      params.add(pair.getValue());
    }
    this.parameterNames = Collections.unmodifiableList(names);
    this.parameters = Collections.unmodifiableList(params);
  }

  /**
   * Builds and initialises a network, seeding the engine's generator with {@code seed} first so
   * that the same seed gives bit-identical weights.
   *
   * @param config hyper-parameters
   * @param qIn T×T row-major, rows = eigenvectors (copied)
   * @param qOut τ×τ row-major, rows = eigenvectors (copied)
   * @param seed seed for {@code Engine.setRandomSeed}
   */
  public static OLinearModel create(OLinearConfig config, float[] qIn, float[] qOut, long seed) {
    OLinearNetwork network = new OLinearNetwork(config, qIn, qOut);
    Engine engine = Engine.getInstance();
    NDManager manager = NDManager.newBaseManager();
    try {
      engine.setRandomSeed(Math.toIntExact(seed % Integer.MAX_VALUE));
      network.initialize(
          manager, DataType.FLOAT32, new Shape(1, config.seqLen(), config.variates()));
      return new OLinearModel(config, manager, network);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The hyper-parameters. */
  public OLinearConfig config() {
    return config;
  }

  /** The manager owning the parameters; open per-batch sub-managers from it. */
  public NDManager manager() {
    return manager;
  }

  /** The block. */
  public OLinearNetwork network() {
    return network;
  }

  /** All trainable parameters, in a fixed order (cached; DJL rebuilds its list per call). */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Hierarchical names of {@link #parameters()}, same order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long total = 0;
    for (Parameter p : parameters) {
      total += p.getArray().size();
    }
    return total;
  }

  /**
   * The forecast {@code [B, τ, N]} for {@code input} {@code [B, T, N]}; the result and all
   * temporaries live in {@code input}'s manager. With {@code training} dropout is active.
   */
  public NDArray forward(NDArray input, boolean training) {
    return network.forecast(parameterStore, input, training);
  }

  /**
   * Forecasts every window (in order), batched, without dropout and with gradient recording off.
   *
   * @return {@code count × τ × N} values, row-major [window, τ, N]
   */
  public float[] predict(SlidingWindows windows, int batchSize) {
    checkWindows(windows);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    int count = windows.count();
    int perWindow = config.predLen() * config.variates();
    float[] out = new float[Math.multiplyExact(count, perWindow)];
    if (count == 0) {
      return out;
    }
    int[] order = IntStream.range(0, count).toArray();
    WindowBatcher batcher = new WindowBatcher(windows, Math.min(batchSize, count));
    try (GradMode off = GradMode.disabled()) {
      for (int from = 0; from < count; from += batchSize) {
        int size = Math.min(batchSize, count - from);
        try (NDManager batch = manager.newSubManager()) {
          NDArray x = batcher.inputs(batch, order, from, size);
          float[] values = forward(x, false).toFloatArray();
          System.arraycopy(values, 0, out, from * perWindow, values.length);
        }
      }
    }
    return out;
  }

  /**
   * Forecasts raw inputs without dropout and with gradient recording off.
   *
   * @param input {@code batch × T × N} values, row-major
   * @return {@code batch × τ × N} values, row-major
   */
  public float[] predict(float[] input, int batch) {
    int perWindow = config.seqLen() * config.variates();
    if (batch < 1 || input.length != batch * perWindow) {
      throw new IllegalArgumentException(
          "input must hold batch x " + config.seqLen() + " x " + config.variates() + " values");
    }
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(input, new Shape(batch, config.seqLen(), config.variates()));
      return forward(x, false).toFloatArray();
    }
  }

  private void checkWindows(SlidingWindows windows) {
    Objects.requireNonNull(windows, "windows");
    if (windows.seqLen() != config.seqLen()
        || windows.predLen() != config.predLen()
        || windows.columns() != config.variates()) {
      throw new IllegalArgumentException(
          "windows are " + windows.seqLen() + "->" + windows.predLen() + " over "
              + windows.columns() + " columns, model is " + config.seqLen() + "->"
              + config.predLen() + " over " + config.variates());
    }
  }

  /** A copy of every parameter's values, in {@link #parameters()} order. */
  public float[][] copyParameters() {
    float[][] values = new float[parameters.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).getArray().toFloatArray();
    }
    return values;
  }

  /**
   * Overwrites every parameter in place with {@code values} (as returned by {@link
   * #copyParameters()}).
   *
   * @throws IllegalArgumentException if the number or sizes of arrays differ
   */
  public void restoreParameters(float[][] values) {
    if (values.length != parameters.size()) {
      throw new IllegalArgumentException(
          "expected " + parameters.size() + " parameter arrays, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      long size = parameters.get(i).getArray().size();
      if (values[i].length != size) {
        throw new IllegalArgumentException(
            "parameter " + parameterNames.get(i) + " has " + size + " values, got "
                + values[i].length);
      }
    }
    // NDArray.set(...) makes the tensor use the given direct buffer as its storage, so every
    // parameter gets a buffer of its own (never a shared staging buffer).
    for (int i = 0; i < values.length; i++) {
      parameters.get(i).getArray().set(values[i]);
    }
  }

  /**
   * Writes the configuration's shape fields and every parameter (name, shape, float32 values)
   * to {@code out}.
   */
  public void saveParameters(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    for (int field : shapeFields()) {
      out.writeInt(field);
    }
    out.writeInt(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      NDArray array = parameters.get(i).getArray();
      out.writeUTF(parameterNames.get(i));
      long[] dims = array.getShape().getShape();
      out.writeInt(dims.length);
      for (long dim : dims) {
        out.writeLong(dim);
      }
      for (float v : array.toFloatArray()) {
        out.writeFloat(v);
      }
    }
  }

  /**
   * Reads parameters written by {@link #saveParameters} into this model, in place.
   *
   * @throws IOException if the stream fails or was written for a different architecture
   */
  public void loadParameters(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an OLinear parameter stream (bad magic number)");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported OLinear parameter format version " + version);
    }
    int[] expected = shapeFields();
    for (int k = 0; k < expected.length; k++) {
      int got = in.readInt();
      if (got != expected[k]) {
        throw new IOException(
            "parameters were saved for a different architecture (field " + k + ": " + got
                + " vs " + expected[k] + ")");
      }
    }
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new IOException("expected " + parameters.size() + " parameters, stream has " + count);
    }
    float[][] values = new float[count][];
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      if (!name.equals(parameterNames.get(i))) {
        throw new IOException(
            "parameter " + i + " is '" + name + "', expected '" + parameterNames.get(i) + "'");
      }
      int rank = in.readInt();
      long[] dims = new long[rank];
      for (int r = 0; r < rank; r++) {
        dims[r] = in.readLong();
      }
      Shape shape = new Shape(dims);
      if (!shape.equals(parameters.get(i).getArray().getShape())) {
        throw new IOException("parameter '" + name + "' has shape " + shape + ", expected "
            + parameters.get(i).getArray().getShape());
      }
      values[i] = new float[Math.toIntExact(shape.size())];
      for (int k = 0; k < values[i].length; k++) {
        values[i][k] = in.readFloat();
      }
    }
    restoreParameters(values);
  }

  private int[] shapeFields() {
    return new int[] {
      config.seqLen(), config.predLen(), config.variates(), config.embedSize(),
      config.dModel(), config.dFf(), config.eLayers()
    };
  }

  @Override
  public void close() {
    manager.close();
  }
}
