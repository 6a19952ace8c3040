package io.forecast.forecasting.compare;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import java.util.Map;

/**
 * Measures something more on each freshly trained model of a grid, before it is closed (e.g. the
 * attention diagnostics of {@code forecast compare-attention}); what it returns is kept in the run
 * file ({@link RunResult#probe()}), so a resumed grid does not measure again.
 */
@FunctionalInterface
public interface RunProbe {
  /** Measures nothing. */
  RunProbe NONE = (run, model, frame) -> Map.of();

  /**
   * Measures the fitted model of {@code run}.
   *
   * @param frame the grid's data file
   * @return JSON-friendly values (numbers, strings, booleans, lists and maps of them)
   * @throws io.forecast.forecasting.ForecastingException to record the run as failed with its message
   */
  Map<String, Object> measure(RunSpec run, FittedForecaster model, TimeSeriesFrame frame);
}
