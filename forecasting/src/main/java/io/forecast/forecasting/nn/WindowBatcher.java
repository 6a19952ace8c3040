package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.data.SlidingWindows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Stages batches of sliding windows into reused direct buffers and wraps them as NDArrays
 * ({@code [b, T, N]} inputs, {@code [b, τ, N]} targets) without allocating per batch.
 *
 * <p>The NDArrays share memory with the staging buffers: an array returned by one call is valid
 * only until the next call of the same kind. Not thread-safe.
 */
public final class WindowBatcher {
  private final SlidingWindows windows;
  private final int maxBatch;
  private final int inputSize;
  private final int targetSize;
  private final float[] scratch;
  private final ByteBuffer inputBuffer;
  private final ByteBuffer targetBuffer;

  /** Creates a batcher for batches of at most {@code maxBatch} windows. */
  public WindowBatcher(SlidingWindows windows, int maxBatch) {
    this.windows = Objects.requireNonNull(windows, "windows");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.inputSize = windows.seqLen() * windows.columns();
    this.targetSize = windows.predLen() * windows.columns();
    this.scratch = new float[Math.max(inputSize, targetSize)];
    this.inputBuffer =
        ByteBuffer.allocateDirect(maxBatch * inputSize * Float.BYTES).order(ByteOrder.nativeOrder());
    this.targetBuffer =
        ByteBuffer.allocateDirect(maxBatch * targetSize * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  /** Inputs of windows {@code order[from .. from+count)} as {@code [count, T, N]} in {@code manager}. */
  public NDArray inputs(NDManager manager, int[] order, int from, int count) {
    checkCount(count);
    FloatBuffer floats = inputBuffer.clear().asFloatBuffer();
    for (int k = 0; k < count; k++) {
      windows.copyInput(order[from + k], scratch, 0);
      floats.put(scratch, 0, inputSize);
    }
    ByteBuffer view = inputBuffer.duplicate().order(ByteOrder.nativeOrder());
    view.clear().limit(count * inputSize * Float.BYTES);
    return manager.create(view, new Shape(count, windows.seqLen(), windows.columns()), DataType.FLOAT32);
  }

  /** Targets of windows {@code order[from .. from+count)} as {@code [count, τ, N]} in {@code manager}. */
  public NDArray targets(NDManager manager, int[] order, int from, int count) {
    checkCount(count);
    FloatBuffer floats = targetBuffer.clear().asFloatBuffer();
    for (int k = 0; k < count; k++) {
      windows.copyTarget(order[from + k], scratch, 0);
      floats.put(scratch, 0, targetSize);
    }
    ByteBuffer view = targetBuffer.duplicate().order(ByteOrder.nativeOrder());
    view.clear().limit(count * targetSize * Float.BYTES);
    return manager.create(view, new Shape(count, windows.predLen(), windows.columns()), DataType.FLOAT32);
  }

  /** Copies the targets of windows {@code order[from .. from+count)} into {@code out} at 0. */
  public void copyTargets(int[] order, int from, int count, float[] out) {
    for (int k = 0; k < count; k++) {
      windows.copyTarget(order[from + k], out, k * targetSize);
    }
  }

  /** The windows this batcher reads. */
  public SlidingWindows windows() {
    return windows;
  }

  private void checkCount(int count) {
    if (count < 1 || count > maxBatch) {
      throw new IllegalArgumentException("batch size must be in [1, " + maxBatch + "], got " + count);
    }
  }
}
