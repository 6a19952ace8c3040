package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
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
 * An initialised DJL block mapping {@code [B, T, N]} to {@code [B, τ, N]}, with the native memory
 * it owns: forward passes, batched prediction, weight snapshots and a checked parameter file format.
 *
 * <p>Two ways to build one: for training, with a seed (the engine's generator is seeded, then the
 * block's initializers run — same seed, same weights); for loading, without (every initializer is
 * replaced by zeros, so nothing random runs and the global generator is untouched; the weights are
 * then read from the file).
 *
 * <p>Callers run each batch in a sub-manager of {@link #manager()}; a subclass attaches results
 * computed from parameters alone to the input's manager. Close the model to free its parameters.
 */
public abstract class NetworkModel implements TrainableNetwork, AutoCloseable {
  private final Block block;
  private final NDManager manager;
  private final ParameterStore parameterStore;
  private final List<String> parameterNames;
  private final List<Parameter> parameters;
  private final List<Parameter> trainable;
  private final int seqLen;
  private final int predLen;
  private final int variates;

  /**
   * @param block the uninitialised block
   * @param seqLen T
   * @param predLen τ
   * @param variates N
   * @param seed seed for random initialisation, or {@code null} to build for loading (zeros)
   */
  protected NetworkModel(Block block, int seqLen, int predLen, int variates, Long seed) {
    this.block = Objects.requireNonNull(block, "block");
    this.seqLen = seqLen;
    this.predLen = predLen;
    this.variates = variates;
    NDManager m = NativeEngine.get().newBaseManager();
    try {
      if (seed == null) {
        block.setInitializer(Initializer.ZEROS, p -> true);
      } else {
        NativeEngine.get().setRandomSeed(Math.toIntExact(seed % Integer.MAX_VALUE));
      }
      block.initialize(m, DataType.FLOAT32, new Shape(1, seqLen, variates));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
    this.manager = m;
    this.parameterStore = new ParameterStore(m, false);
    List<String> names = new ArrayList<>();
    List<Parameter> params = new ArrayList<>();
    for (Pair<String, Parameter> pair : block.getParameters()) {
      names.add(pair.getKey());
      params.add(pair.getValue());
    }
    this.parameterNames = Collections.unmodifiableList(names);
    this.parameters = Collections.unmodifiableList(params);
    this.trainable = params.stream().filter(Parameter::requiresGradient).toList();
  }

  /** The block. */
  public Block block() {
    return block;
  }

  /** The store to pass to the block's forward methods. */
  protected ParameterStore parameterStore() {
    return parameterStore;
  }

  @Override
  public int seqLen() {
    return seqLen;
  }

  @Override
  public int predLen() {
    return predLen;
  }

  @Override
  public int variates() {
    return variates;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  /**
   * The trainable parameters: every array of the block but those without gradient (a BatchNorm's
   * running mean and variance, which the forward pass updates while training). Snapshots, the
   * parameter file and {@link #parameterNames()} cover every array, state included.
   */
  @Override
  public List<Parameter> parameters() {
    return trainable;
  }

  /** Every array of the block, trainable or state (such as BatchNorm running statistics), in file order. */
  public List<Parameter> allParameters() {
    return parameters;
  }

  /**
   * Hierarchical names of {@link #allParameters()}, same order (the same as {@link #parameters()} for a
   * block whose every array is trainable).
   */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Total number of trainable scalar parameters. */
  public long parameterCount() {
    long total = 0;
    for (Parameter p : trainable) {
      total += p.getArray().size();
    }
    return total;
  }

  /** The block's forward pass; subclasses whose block has a richer entry point override it. */
  @Override
  public NDArray forward(NDArray input, boolean training) {
    return block.forward(parameterStore, new NDList(input), training).singletonOrThrow();
  }

  /**
   * Forecasts windows {@code from .. from+count-1} (in order), batched, without dropout and with
   * gradient recording off.
   *
   * @return {@code count × τ × N} values, row-major
   */
  public float[] predict(SlidingWindows windows, int from, int count, int batchSize) {
    checkWindows(windows);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (from < 0 || count < 0 || from + count > windows.count()) {
      throw new IllegalArgumentException("windows " + from + ".." + (from + count) + " out of " + windows.count());
    }
    int perWindow = predLen * variates;
    float[] out = new float[Math.multiplyExact(count, perWindow)];
    if (count == 0) {
      return out;
    }
    int[] order = IntStream.range(from, from + count).toArray();
    WindowBatcher batcher = new WindowBatcher(windows, Math.min(batchSize, count));
    try (GradMode off = GradMode.disabled()) {
      for (int k = 0; k < count; k += batchSize) {
        int size = Math.min(batchSize, count - k);
        try (NDManager batch = manager.newSubManager()) {
          NDArray x = batcher.inputs(batch, order, k, size);
          float[] values = forward(x, false).toFloatArray();
          System.arraycopy(values, 0, out, k * perWindow, values.length);
        }
      }
    }
    return out;
  }

  /** Every window, in order (see {@link #predict(SlidingWindows, int, int, int)}). */
  public float[] predict(SlidingWindows windows, int batchSize) {
    return predict(windows, 0, windows.count(), batchSize);
  }

  /**
   * Forecasts raw inputs without dropout and with gradient recording off.
   *
   * @param input {@code batch × T × N} values, row-major
   * @return {@code batch × τ × N} values, row-major
   */
  public float[] predict(float[] input, int batch) {
    int perWindow = seqLen * variates;
    if (batch < 1 || input.length != (long) batch * perWindow) {
      throw new IllegalArgumentException("input must hold batch x " + seqLen + " x " + variates + " values");
    }
    try (GradMode off = GradMode.disabled();
        NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(input, new Shape(batch, seqLen, variates));
      return forward(x, false).toFloatArray();
    }
  }

  private void checkWindows(SlidingWindows windows) {
    Objects.requireNonNull(windows, "windows");
    if (windows.seqLen() != seqLen || windows.predLen() != predLen || windows.columns() != variates) {
      throw new IllegalArgumentException("windows are " + windows.seqLen() + "->" + windows.predLen() + " over "
          + windows.columns() + " columns, model is " + seqLen + "->" + predLen + " over " + variates);
    }
  }

  @Override
  public float[][] snapshot() {
    float[][] values = new float[parameters.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).getArray().toFloatArray();
    }
    return values;
  }

  /**
   * Overwrites every parameter in place.
   *
   * @throws IllegalArgumentException if the number or sizes of arrays differ
   */
  @Override
  public void restore(float[][] values) {
    if (values.length != parameters.size()) {
      throw new IllegalArgumentException("expected " + parameters.size() + " parameter arrays, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      long size = parameters.get(i).getArray().size();
      if (values[i].length != size) {
        throw new IllegalArgumentException("parameter " + parameterNames.get(i) + " has " + size + " values, got "
            + values[i].length);
      }
    }
    // Copied in place with an indexed assignment (no gradient recorded), so every parameter keeps
    // its own storage. NDArray.set(Buffer) would do the same but makes libtorch print a deprecation
    // warning on stderr (AutoNonVariableTypeMode), which would break the CLI's one-line errors.
    try (GradMode off = GradMode.disabled();
        NDManager staging = manager.newSubManager()) {
      for (int i = 0; i < values.length; i++) {
        NDArray target = parameters.get(i).getArray();
        target.set(new NDIndex("..."), staging.create(values[i], target.getShape()));
      }
    }
    weightsChanged();
  }

  /**
   * Called after the weights were overwritten in place ({@link #restore}, loading): a subclass whose
   * forward pass caches arrays derived from the weights drops them here. Nothing by default.
   */
  protected void weightsChanged() {}

  /** A number identifying the subclass's parameter files (checked on load). */
  protected abstract int fileMagic();

  /** The architecture's shape fields, written to and checked against the parameter file. */
  protected abstract int[] shapeFields();

  /** Writes the shape fields and every parameter (name, shape, float32 values). */
  public void saveParameters(DataOutputStream out) throws IOException {
    out.writeInt(fileMagic());
    out.writeInt(1);
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
   * @throws IOException if the stream fails, holds a non-finite value, or was written for another
   *     architecture
   */
  public void loadParameters(DataInputStream in) throws IOException {
    if (in.readInt() != fileMagic()) {
      throw new IOException("not a parameter file of this model type (bad magic number)");
    }
    int version = in.readInt();
    if (version != 1) {
      throw new IOException("unsupported parameter format version " + version);
    }
    int[] expected = shapeFields();
    for (int k = 0; k < expected.length; k++) {
      int got = in.readInt();
      if (got != expected[k]) {
        throw new IOException("parameters were saved for a different architecture (field " + k + ": " + got
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
        throw new IOException("parameter " + i + " is '" + name + "', expected '" + parameterNames.get(i) + "'");
      }
      int rank = in.readInt();
      if (rank < 0 || rank > 8) {
        throw new IOException("parameter '" + name + "' has rank " + rank);
      }
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
        float v = in.readFloat();
        if (!Float.isFinite(v)) {
          throw new IOException("parameter '" + name + "' holds a non-finite value at " + k);
        }
        values[i][k] = v;
      }
    }
    restore(values);
  }

  /** Writes the parameter file ({@link #saveParameters}) to {@code file}. */
  public void save(java.nio.file.Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        java.nio.file.Files.newOutputStream(file)))) {
      saveParameters(out);
    }
  }

  /**
   * Reads a parameter file into {@code model}; closes the model if that fails.
   *
   * @return {@code model}
   * @throws IOException naming the file if it is missing, broken or for another architecture
   */
  public static <M extends NetworkModel> M load(M model, java.nio.file.Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        java.nio.file.Files.newInputStream(file)))) {
      model.loadParameters(in);
      return model;
    } catch (java.io.EOFException e) {
      model.close();
      throw new IOException(file + ": the file is truncated (it ends before all parameters were read)", e);
    } catch (java.nio.file.NoSuchFileException e) {
      model.close();
      throw new IOException(file + ": missing", e);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw new IOException(file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
