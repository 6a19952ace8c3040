package io.forecast.forecasting.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Scoped control of libtorch's thread-local autograd mode.
 *
 * <p>DJL switches gradient recording off only on the thread that loaded the engine; inference on
 * any other thread records a graph (and costs 12–25 % more) unless it is switched off there.
 * Use as {@code try (GradMode off = GradMode.disabled()) { ... }}; closing restores the previous
 * mode of the calling thread.
 */
public final class GradMode implements AutoCloseable {
  private final boolean previous;
  private final boolean pytorch;

  private GradMode(boolean previous, boolean pytorch) {
    this.previous = previous;
    this.pytorch = pytorch;
  }

  /** Switches gradient recording off on the calling thread until {@link #close()}. */
  public static GradMode disabled() {
    boolean pytorch = "PyTorch".equals(NativeEngine.get().getEngineName());
    if (!pytorch) {
      return new GradMode(false, false);
    }
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    return new GradMode(previous, true);
  }

  /** Whether the calling thread records gradients (always {@code false} on an engine without autograd modes). */
  public static boolean isEnabled() {
    return "PyTorch".equals(NativeEngine.get().getEngineName()) && JniUtils.isGradMode();
  }

  @Override
  public void close() {
    if (pytorch) {
      JniUtils.setGradMode(previous);
    }
  }
}
