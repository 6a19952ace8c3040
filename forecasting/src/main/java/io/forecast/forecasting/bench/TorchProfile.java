package io.forecast.forecasting.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * libtorch's profiler as DJL exposes it ({@code JniUtils.startProfile / stopProfile}): runs a piece of
 * work with every native op recorded (times, input shapes, memory) and writes a Chrome trace
 * ({@code chrome://tracing}; {@code bench/torch-trace-summary.py} tabulates it). One trace at a time.
 */
public final class TorchProfile {
  private TorchProfile() {}

  /** Runs {@code work} under the profiler and writes the trace to {@code file}. */
  public static synchronized void trace(Path file, Runnable work) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(work, "work");
    io.forecast.forecasting.nn.NativeEngine.get();
    ai.djl.pytorch.jni.JniUtils.startProfile(false, true, true);
    try {
      work.run();
    } finally {
      ai.djl.pytorch.jni.JniUtils.stopProfile(file.toString());
    }
  }
}
