package io.forecast.forecasting.olinear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.forecast.forecasting.nn.GradMode;
import java.util.function.Function;

/**
 * Arrays that a forward pass derives from the weights alone (the rank-1 shortcut's folded weight and
 * shift), computed once and reused by every inference pass until the weights change. They are computed
 * by the same operations as in a training pass, so forecasts are bit-identical with and without the
 * cache. Immutable once built; owns a sub-manager of the parameters' manager.
 */
final class InferenceCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] shortcut;

  private InferenceCache(NDManager manager, NDArray[] shortcut) {
    this.manager = manager;
    this.shortcut = shortcut;
  }

  /** Whether a pass may use cached arrays: an inference pass with gradient recording off. */
  static boolean applies(boolean training) {
    return !training && !GradMode.isEnabled();
  }

  /**
   * Builds the cache under {@code owner}: {@code shortcut} computes the shortcut's arrays in the manager
   * it is given (a scratch manager, closed afterwards; only the results are kept).
   */
  static InferenceCache build(NDManager owner, Function<NDManager, NDArray[]> shortcut) {
    NDManager manager = owner.newSubManager();
    try (NDManager scratch = owner.newSubManager()) {
      NDArray[] arrays = shortcut.apply(scratch);
      for (NDArray a : arrays) {
        a.attach(manager);
      }
      return new InferenceCache(manager, arrays);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The shortcut's effective weight and shift term (empty for the literal path). */
  NDArray[] shortcut() {
    return shortcut;
  }

  @Override
  public void close() {
    manager.close();
  }
}
