package io.forecast.forecasting;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted forecasting model. Every model type (OLinear, the baselines, attention
 * transformers) implements this, so the CLI and the service never special-case a type.
 *
 * <p>Fitting and loading go through a {@link ForecasterType} ({@link ForecasterTypes} finds it by name).
 * A forecaster is immutable once fitted, and {@link #forecast} and {@link #predictScaled} are safe to
 * call from several threads at once. It owns native memory: close it when done.
 */
public interface Forecaster extends AutoCloseable {

  /** What the model expects and produces: type, lengths, columns, target, timestamps. */
  ModelCard card();

  /** Where the model came from: data, configuration, seed, versions, curve, test metrics. */
  ModelProvenance provenance();

  /** The per-column z-score scaler fitted on the training rows; the model works on its scale. */
  io.forecast.data.StandardScaler scaler();

  /**
   * Forecasts the {@code predLen} rows that follow a history, on the original scale.
   *
   * @param history row-major values on the original scale, {@code rows × card().columns().size()},
   *     in the model's column order; only the last {@code seqLen} rows are used
   * @param rows number of rows in {@code history}
   * @return {@code predLen × columns} values, row-major
   * @throws IllegalArgumentException if the history is shorter than {@code seqLen}, has another
   *     number of columns, or holds a NaN or infinite value
   */
  double[] forecast(double[] history, int rows);

  /**
   * Forecasts several independent histories in one call (the service batches concurrent requests
   * this way). Each history is exactly {@code seqLen} rows; results equal {@link #forecast} one by one
   * up to float32 rounding. The default calls {@link #forecast} per history; a model that can run a
   * batch at once overrides it.
   *
   * @param histories {@code count × seqLen × columns} values on the original scale, row-major
   * @param count number of histories, at least 1
   * @return {@code count × predLen × columns} values, row-major
   * @throws IllegalArgumentException if the sizes do not match or a value is NaN or infinite
   */
  default double[] forecastBatch(double[] histories, int count) {
    int in = card().seqLen() * card().columns().size();
    int out = card().predLen() * card().columns().size();
    if (count < 1 || histories.length != (long) count * in) {
      throw new IllegalArgumentException("a batch of " + count + " histories needs " + ((long) count * in)
          + " values, got " + histories.length);
    }
    double[] result = new double[count * out];
    for (int i = 0; i < count; i++) {
      double[] one = forecast(java.util.Arrays.copyOfRange(histories, i * in, (i + 1) * in), card().seqLen());
      System.arraycopy(one, 0, result, i * out, out);
    }
    return result;
  }

  /**
   * Predicts windows {@code from .. from+count-1} of an already z-scored series (evaluation streams
   * through a split this way, batch by batch).
   *
   * @return {@code count × predLen × columns} values, row-major, on the z-scored scale
   */
  float[] predictScaled(SlidingWindows windows, int from, int count);

  /** Predicts every window of an already z-scored series (for small sets; see the ranged form). */
  default float[] predictScaled(SlidingWindows windows) {
    return predictScaled(windows, 0, windows.count());
  }

  /** The forecast after a history as a {@link Forecast} (point values; quantiles where the type has them). */
  default Forecast predict(double[] history, int rows) {
    return Forecast.point(card().predLen(), card().columns(), forecast(history, rows));
  }

  /**
   * The split-conformal calibration saved with the model ({@code conformal.json}); empty for a
   * model saved before intervals existed or trained without validation windows.
   */
  default java.util.Optional<io.forecast.forecasting.conformal.ConformalCalibration> conformal() {
    return java.util.Optional.empty();
  }

  /**
   * Checks that intervals at these levels can be given, before any forecast is made.
   *
   * @throws io.forecast.forecasting.conformal.IntervalsUnavailableException naming the level and the
   *     available ones, or saying the model has no calibration
   */
  default void checkIntervals(java.util.List<Double> levels) {
    calibration().require(levels);
  }

  /**
   * Split-conformal prediction intervals around point forecasts of this model (original scale):
   * {@code ŷ ± q·std} per step and column; see {@link io.forecast.forecasting.conformal}.
   *
   * @param forecast {@code [count ×] predLen × columns} values from {@link #forecast} or
   *     {@link #forecastBatch}
   * @param levels levels in percent, e.g. 80 and 95
   * @throws io.forecast.forecasting.conformal.IntervalsUnavailableException if the model has no
   *     calibration or a level was not calibrated
   */
  default io.forecast.forecasting.conformal.PredictionIntervals intervals(double[] forecast,
      java.util.List<Double> levels) {
    return calibration().intervals(forecast, scaler().std(), levels);
  }

  private io.forecast.forecasting.conformal.ConformalCalibration calibration() {
    return conformal().orElseThrow(() -> new io.forecast.forecasting.conformal.IntervalsUnavailableException(
        "the " + card().type() + " model has no conformal calibration ("
        + io.forecast.forecasting.conformal.ConformalCalibration.FILE + "; models saved before prediction intervals "
        + "existed, or trained without validation windows, have none): retrain it to get intervals"));
  }

  /** Number of trained scalar parameters (0 for models without any). */
  default long parameterCount() {
    return 0;
  }

  /**
   * Writes the model's files into an existing, empty directory. Callers wanting atomicity write
   * through {@link io.forecast.forecasting.persist.AtomicDirectory}.
   */
  void save(Path directory) throws IOException;

  /** Frees the model's native memory. */
  @Override
  void close();
}
