package io.forecast.forecasting.training;

import io.forecast.data.SlidingWindows;

/** Test fixture: three noiseless, roughly unit-scale sine mixtures, row-major [rows, 3]. */
final class SineMixture {
  static final int COLUMNS = 3;
  static final int ROWS = 400;
  static final double[] DATA = data();

  private SineMixture() {}

  private static double[] data() {
    double[] d = new double[ROWS * COLUMNS];
    for (int r = 0; r < ROWS; r++) {
      for (int j = 0; j < COLUMNS; j++) {
        d[r * COLUMNS + j] =
            Math.sin(2 * Math.PI * r / 12.0 + j)
                + 0.5 * Math.sin(2 * Math.PI * r / (5.0 + j))
                + 0.2 * j;
      }
    }
    return d;
  }

  static SlidingWindows train(int seqLen, int predLen) {
    return SlidingWindows.over(DATA, COLUMNS, 0, 300, seqLen, predLen);
  }

  static SlidingWindows validation(int seqLen, int predLen) {
    return SlidingWindows.over(DATA, COLUMNS, 300 - seqLen, 400, seqLen, predLen);
  }
}
