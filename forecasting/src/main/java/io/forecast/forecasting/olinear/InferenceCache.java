package io.forecast.forecasting.olinear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.forecast.forecasting.nn.GradMode;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Arrays that an inference pass derives from the weights alone (the folded weights and biases of
 * {@link InferenceFolds}, NormLin's mixing matrix), computed once and reused by every inference pass
 * until the weights change. Immutable once built; owns a sub-manager of the parameters' manager.
 *
 * <p>Training passes never use it: they run the pass step by step, so training is unchanged by it.
 */
final class InferenceCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] arrays;

  private InferenceCache(NDManager manager, NDArray[] arrays) {
    this.manager = manager;
    this.arrays = arrays;
  }

  /** Whether a pass may use cached arrays: an inference pass with gradient recording off. */
  static boolean applies(boolean training) {
    return !training && !GradMode.isEnabled();
  }

  /**
   * Builds the cache under {@code owner}: {@code build} computes the arrays in the manager it is given
   * (a scratch manager, closed afterwards; only the returned arrays are kept).
   */
  private static InferenceCache build(NDManager owner, Function<NDManager, NDArray[]> build) {
    NDManager manager = owner.newSubManager();
    try (NDManager scratch = owner.newSubManager()) {
      NDArray[] arrays = build.apply(scratch);
      for (NDArray a : arrays) {
        a.attach(manager);
      }
      return new InferenceCache(manager, arrays);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The {@code i}-th array, in the order the build function returned them. */
  NDArray get(int i) {
    return arrays[i];
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * Where a block keeps its cache: built on the first inference pass, dropped when the weights change;
   * safe for concurrent inference passes.
   */
  static final class Slot {
    private volatile InferenceCache cache;

    /** The cache, built with {@code build} under the manager {@code owner} gives if there is none. */
    InferenceCache get(Supplier<NDManager> owner, Function<NDManager, NDArray[]> build) {
      InferenceCache c = cache;
      if (c != null) {
        return c;
      }
      synchronized (this) {
        if (cache == null) {
          cache = InferenceCache.build(owner.get(), build);
        }
        return cache;
      }
    }

    /** Frees the cache; the next inference pass builds a new one. */
    synchronized void clear() {
      InferenceCache c = cache;
      cache = null;
      if (c != null) {
        c.close();
      }
    }
  }
}
