package io.forecast.forecasting.evaluation;

import io.forecast.data.SlidingWindows;

/**
 * Predicts a contiguous batch of windows on the z-scored scale, so that an evaluation can ask for
 * the predictions a batch at a time instead of holding all of them.
 */
@FunctionalInterface
public interface ScaledPredictor {

  /**
   * Predicts windows {@code from .. from + count - 1}.
   *
   * @param windows the windows
   * @param from the first window to predict
   * @param count how many windows to predict, at least 1
   * @return {@code count × predLen × columns} z-scored predictions, row-major (window, step, column)
   */
  float[] predict(SlidingWindows windows, int from, int count);
}
