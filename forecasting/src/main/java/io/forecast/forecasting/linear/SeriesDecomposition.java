package io.forecast.forecasting.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * DLinear's {@code series_decomp} ({@code layers/Autoformer_EncDec.py} of Time-Series-Library):
 * the trend is a moving average along time with the edges padded by repeating the first and the
 * last step; the seasonal part is the rest.
 *
 * <p>For {@code x [B, T, N]} and an odd {@code kernel = 2p + 1}: {@code front} = step 0 repeated
 * p times, {@code end} = step T−1 repeated p times, {@code padded = cat(front, x, end)} along
 * time, {@code trend = AvgPool1d(kernel, stride 1)(padded)} (again {@code [B, T, N]}),
 * {@code seasonal = x − trend}. Results live in {@code x}'s manager.
 */
public final class SeriesDecomposition {
  private SeriesDecomposition() {}

  /**
   * The moving-average trend of {@code x [B, T, N]}.
   *
   * @throws IllegalArgumentException if {@code kernel} is not a positive odd number
   */
  public static NDArray trend(NDArray x, int kernel) {
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException("the moving-average kernel must be a positive odd number, got " + kernel);
    }
    int pad = (kernel - 1) / 2;
    NDArray padded = x;
    if (pad > 0) {
      long steps = x.getShape().get(1);
      NDArray front = x.get(new NDIndex(":, 0:1, :")).repeat(1, pad);
      NDArray end = x.get(new NDIndex(":, {}:, :", steps - 1)).repeat(1, pad);
      padded = NDArrays.concat(new NDList(front, x, end), 1);
    }
    NDArray pooled = Pool.avgPool1d(padded.transpose(0, 2, 1), new Shape(kernel), new Shape(1), new Shape(0),
        false, true);
    return pooled.transpose(0, 2, 1);
  }

  /** The seasonal part {@code x − trend(x)}. */
  public static NDArray seasonal(NDArray x, NDArray trend) {
    return x.sub(trend);
  }
}
