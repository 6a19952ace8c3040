package io.forecast.forecasting.service;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.DataException;
import io.forecast.data.MissingValuePolicy;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.ForecastingException;
import java.util.function.Supplier;

/** Reading the file of a training or backtest job, and turning a bad name into the service's exception. */
final class TrainingUploads {
  private TrainingUploads() {}

  /**
   * Loads a training file after checking its size on the raw bytes ({@code maxTrainingCells}).
   *
   * @throws InvalidTrainingRequestException if it has more rows × value columns than allowed
   * @throws DataException if it cannot be read
   */
  static TimeSeriesFrame read(byte[] csv, String fileName, String target, String timestampColumn,
      MissingValuePolicy policy, ForecastServiceSettings settings) {
    long rows = TimeSeriesCsvReader.dataLines(csv);
    long columns = TimeSeriesCsvReader.headerValueColumns(csv);
    long cells = rows * columns;
    if (cells > settings.maxTrainingCells()) {
      throw new InvalidTrainingRequestException(fileName + " has " + rows + " rows × " + columns
          + " value columns = " + cells + " cells; at most " + settings.maxTrainingCells() + " are accepted for "
          + "training (forecast.training.max-cells)", null);
    }
    return TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults()
        .withTargetColumn(target)
        .withTimestampColumn(timestampColumn)
        .withMissingValues(policy));
  }

  /** Runs a parsing step, reporting the data layer's unknown names as an invalid request. */
  static <T> T parse(Supplier<T> step) {
    try {
      return step.get();
    } catch (DataException | ForecastingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // the data layer's parsers (split rule, missing policy) report unknown names this way
      throw new InvalidTrainingRequestException(e.getMessage(), e);
    }
  }
}
