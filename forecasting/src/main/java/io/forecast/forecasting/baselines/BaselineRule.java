package io.forecast.forecasting.baselines;

/** How a statistical baseline turns one history into a forecast (z-scored, one column at a time). */
enum BaselineRule {
  /** Every step repeats the last value. */
  NAIVE,
  /** Step h repeats the value one season earlier: {@code x[T − p + (h mod p)]}. */
  SEASONAL_NAIVE,
  /** Every step is the mean of the history window. */
  MEAN;

  /**
   * Forecasts one history.
   *
   * @param in {@code T × N} row-major, starting at {@code inOffset}
   * @param out {@code τ × N} row-major, written from {@code outOffset}
   * @param period the season length p (used by {@link #SEASONAL_NAIVE}), 1 ≤ p ≤ T
   */
  void apply(float[] in, int inOffset, int seqLen, int columns, int predLen, int period, float[] out, int outOffset) {
    for (int c = 0; c < columns; c++) {
      switch (this) {
        case NAIVE -> {
          float last = in[inOffset + (seqLen - 1) * columns + c];
          for (int h = 0; h < predLen; h++) {
            out[outOffset + h * columns + c] = last;
          }
        }
        case SEASONAL_NAIVE -> {
          for (int h = 0; h < predLen; h++) {
            out[outOffset + h * columns + c] = in[inOffset + (seqLen - period + h % period) * columns + c];
          }
        }
        case MEAN -> {
          double sum = 0;
          for (int t = 0; t < seqLen; t++) {
            sum += in[inOffset + t * columns + c];
          }
          float mean = (float) (sum / seqLen);
          for (int h = 0; h < predLen; h++) {
            out[outOffset + h * columns + c] = mean;
          }
        }
        default -> throw new IllegalStateException(name());
      }
    }
  }
}
