package io.forecast.forecasting.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.olinear.GradMode;
import io.forecast.forecasting.olinear.OLinearModel;
import io.forecast.forecasting.olinear.WindowBatcher;
import java.util.stream.IntStream;

/**
 * Test metrics as the official {@code utils/metrics.py} computes them: every window (no
 * drop_last), {@code MSE = mean((ŷ−y)²)}, {@code MAE = mean|ŷ−y|}; sums in double, streamed
 * batch by batch so memory does not grow with the split.
 */
public final class ForecastEvaluation {
  private ForecastEvaluation() {}

  /**
   * Evaluates {@code model} on every window, batched, without dropout, gradient recording off.
   *
   * @throws IllegalArgumentException if there are no windows or the batch size is not positive
   */
  public static ForecastMetrics evaluate(OLinearModel model, SlidingWindows windows, int batchSize) {
    int count = windows.count();
    if (count == 0) {
      throw new IllegalArgumentException("no windows to evaluate");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    int perWindow = windows.predLen() * windows.columns();
    int[] order = IntStream.range(0, count).toArray();
    WindowBatcher batcher = new WindowBatcher(windows, Math.min(batchSize, count));
    float[] targets = new float[Math.min(batchSize, count) * perWindow];
    double squared = 0;
    double absolute = 0;
    try (GradMode off = GradMode.disabled()) {
      for (int from = 0; from < count; from += batchSize) {
        int size = Math.min(batchSize, count - from);
        float[] predicted;
        try (NDManager batch = model.manager().newSubManager()) {
          NDArray x = batcher.inputs(batch, order, from, size);
          predicted = model.forward(x, false).toFloatArray();
        }
        batcher.copyTargets(order, from, size, targets);
        for (int k = 0; k < size * perWindow; k++) {
          double error = (double) predicted[k] - targets[k];
          squared += error * error;
          absolute += Math.abs(error);
        }
      }
    }
    double n = (double) count * perWindow;
    return new ForecastMetrics(squared / n, absolute / n, count);
  }
}
