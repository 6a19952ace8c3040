package io.forecast.forecasting.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count for the calling thread only.
 *
 * <p>libtorch keeps the count per thread (an OpenMP setting of the calling thread, initialised on
 * the thread's first parallel operation from the last process-wide value). Reading the count first
 * forces that initialisation, so a later set sticks to this thread: a training thread and the
 * threads serving forecasts each keep their own count.
 */
public final class EngineThreads {
  private EngineThreads() {}

  /**
   * Uses {@code threads} intra-op threads on the calling thread; 0 leaves the setting alone.
   *
   * @throws IllegalArgumentException if {@code threads} is negative
   */
  public static void useOnCurrentThread(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (threads == 0 || !"PyTorch".equals(NativeEngine.get().getEngineName())) {
      return;
    }
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** The calling thread's intra-op thread count. */
  public static int currentThreadCount() {
    NativeEngine.get();
    return JniUtils.getNumThreads();
  }
}
