package io.forecast.forecasting.variants;

import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;

/**
 * The first test windows of a file, z-scored with the fitted model's scaler (as the pipeline scores
 * them), in batches of {@link #BATCH}. Immutable.
 */
public final class TestBatches {
  /** Windows per probed batch. */
  public static final int BATCH = 32;

  private final SlidingWindows windows;
  private final int count;

  private TestBatches(SlidingWindows windows, int maxWindows) {
    this.windows = windows;
    this.count = Math.min(maxWindows, windows.count());
  }

  /**
   * The first {@code maxWindows} test windows of {@code frame} under {@code split}.
   *
   * @param seqLen the model's input length
   * @param predLen the model's horizon
   * @param model the fitted model, whose scaler z-scores the windows
   * @throws IllegalArgumentException for {@code maxWindows < 1}
   * @throws io.forecast.forecasting.ForecastingException (or the data module's exceptions) when the file
   *     does not fit the split and lengths
   */
  public static TestBatches of(SplitRule split, int seqLen, int predLen, FittedForecaster model, TimeSeriesFrame frame,
      int maxWindows) {
    if (maxWindows < 1) {
      throw new IllegalArgumentException("maxWindows must be at least 1, got " + maxWindows);
    }
    return new TestBatches(PreparedSeries.prepare(frame, split, seqLen, predLen, model.scaler()).windows(Split.TEST),
        maxWindows);
  }

  /** Windows used. */
  public int count() {
    return count;
  }

  /** Batches. */
  public int batches() {
    return (count + BATCH - 1) / BATCH;
  }

  /** Windows in batch {@code k}. */
  public int size(int k) {
    return Math.min(BATCH, count - k * BATCH);
  }

  /** The inputs of batch {@code k}, {@code size × T × N} row-major. */
  public float[] inputs(int k) {
    int per = windows.seqLen() * windows.columns();
    float[] out = new float[size(k) * per];
    for (int i = 0; i < size(k); i++) {
      windows.copyInput(k * BATCH + i, out, i * per);
    }
    return out;
  }

  /** The targets of batch {@code k}, {@code size × τ × N} row-major. */
  public float[] targets(int k) {
    int per = windows.predLen() * windows.columns();
    float[] out = new float[size(k) * per];
    for (int i = 0; i < size(k); i++) {
      windows.copyTarget(k * BATCH + i, out, i * per);
    }
    return out;
  }
}
