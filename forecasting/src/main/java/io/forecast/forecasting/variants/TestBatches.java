package io.forecast.forecasting.variants;

import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.compare.RunSpec;

/**
 * The first test windows of a run's file, z-scored with the fitted model's scaler (as the pipeline
 * scores them), in batches of {@link #BATCH}.
 */
final class TestBatches {
  /** Windows per probed batch. */
  static final int BATCH = 32;

  private final SlidingWindows windows;
  private final int count;

  TestBatches(SplitRule split, RunSpec run, FittedForecaster model, TimeSeriesFrame frame, int maxWindows) {
    this(split, run.seqLen(), run.predLen(), model, frame, maxWindows);
  }

  TestBatches(SplitRule split, int seqLen, int predLen, FittedForecaster model, TimeSeriesFrame frame,
      int maxWindows) {
    this.windows = PreparedSeries.prepare(frame, split, seqLen, predLen, model.scaler()).windows(Split.TEST);
    this.count = Math.min(maxWindows, windows.count());
  }

  /** Windows used. */
  int count() {
    return count;
  }

  /** Batches. */
  int batches() {
    return (count + BATCH - 1) / BATCH;
  }

  /** Windows in batch {@code k}. */
  int size(int k) {
    return Math.min(BATCH, count - k * BATCH);
  }

  /** The inputs of batch {@code k}, {@code size × T × N} row-major. */
  float[] inputs(int k) {
    int per = windows.seqLen() * windows.columns();
    float[] out = new float[size(k) * per];
    for (int i = 0; i < size(k); i++) {
      windows.copyInput(k * BATCH + i, out, i * per);
    }
    return out;
  }

  /** The targets of batch {@code k}, {@code size × τ × N} row-major. */
  float[] targets(int k) {
    int per = windows.predLen() * windows.columns();
    float[] out = new float[size(k) * per];
    for (int i = 0; i < size(k); i++) {
      windows.copyTarget(k * BATCH + i, out, i * per);
    }
    return out;
  }
}
