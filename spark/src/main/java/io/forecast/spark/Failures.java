package io.forecast.spark;

import io.forecast.data.DataException;
import io.forecast.data.InvalidCellException;
import io.forecast.data.SeriesTooShortException;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.IncompatibleDataException;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.UnfittableSeriesException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Why one series failed, in a word and a sentence: a bad series is reported in the job's table and
 * never fails the job. Reasons: {@code too-short}, {@code nan} (a missing or non-numeric value),
 * {@code constant}, {@code bad-data} (any other problem of the rows: timestamps, columns), {@code
 * settings}, {@code no-model}, {@code bad-model} (a model that cannot be read), {@code intervals} (a level the model
 * has not calibrated), {@code columns} (the model's columns are not the series'), {@code error}.
 */
final class Failures {
  private Failures() {}

  /** A failure: the reason word and the message naming the problem. */
  record Failure(String reason, String message) {}

  /** Classifies an exception raised for one series. */
  static Failure of(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String reason;
    if (e instanceof SeriesTooShortException) {
      reason = "too-short";
    } else if (e instanceof InvalidCellException || message.contains("NaN") || message.contains("non-finite")) {
      reason = "nan";
    } else if (e instanceof UnfittableSeriesException && message.toLowerCase(Locale.ROOT).contains("constant")) {
      reason = "constant";
    } else if (e instanceof UnfittableSeriesException) {
      reason = "unfittable";
    } else if (e instanceof IncompatibleDataException) {
      reason = "columns";
    } else if (e instanceof InvalidSettingsException) {
      reason = "settings";
    } else if (e instanceof NoSuchFileException) {
      reason = "no-model";
      message = ((NoSuchFileException) e).getReason() != null ? ((NoSuchFileException) e).getReason() : message;
    } else if (e instanceof io.forecast.forecasting.conformal.IntervalsUnavailableException) {
      reason = "intervals";
    } else if (e instanceof java.io.IOException) {
      reason = "bad-model";
    } else if (e instanceof DataException) {
      reason = "bad-data";
    } else {
      reason = "error";
      message = e.getClass().getSimpleName() + ": " + message;
    }
    return new Failure(reason, message);
  }

  /**
   * Refuses a series whose every value column is constant (a model of it forecasts nothing but the
   * constant; OLinear's basis cannot even be fitted), whatever the model type.
   *
   * @throws UnfittableSeriesException naming the series
   */
  static void requireVariation(TimeSeriesFrame frame) {
    int n = frame.columnCount();
    double[] v = frame.values();
    for (int c = 0; c < n; c++) {
      for (int r = 1; r < frame.rows(); r++) {
        if (v[r * n + c] != v[c]) {
          return;
        }
      }
    }
    throw new UnfittableSeriesException(frame.source() + " is constant: every value of every column equals the "
        + "first row's over its " + frame.rows() + " rows");
  }
}
