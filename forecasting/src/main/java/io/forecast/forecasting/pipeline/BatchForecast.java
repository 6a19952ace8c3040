package io.forecast.forecasting.pipeline;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.conformal.PredictionIntervals;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch forecasts of a loaded series from one or several origins: the one code path of
 * {@code forecast forecast} (CSV) and of the Spark forecasting job. An origin is a row index: the
 * forecast uses the {@code seqLen} rows before it and covers the {@code predLen} rows after it,
 * their timestamps continuing from the row before the origin by the series' sampling step.
 */
public final class BatchForecast {
  private BatchForecast() {}

  /**
   * The forecast from one origin, on the original scale, timestamps formatted as the series'.
   *
   * @param origin the origin row (rows before it are the history)
   * @param originTimestamp the timestamp of the last history row, formatted
   * @param timestamps the {@code predLen} forecast timestamps, formatted
   * @param values {@code predLen × columns}, row-major, in the model's column order
   * @param intervals the bands per level in the order asked ({@code null} when none were asked)
   */
  public record AtOrigin(int origin, String originTimestamp, List<String> timestamps, double[] values,
      PredictionIntervals intervals) {
    public AtOrigin {
      timestamps = List.copyOf(timestamps);
    }
  }

  /**
   * The origins of a run, ascending, aligned so that the last one is {@code rows}: only {@code rows}
   * when {@code stride} is 0, else every {@code stride} rows back while a full history fits.
   */
  public static List<Integer> origins(int rows, int seqLen, int stride) {
    List<Integer> out = new ArrayList<>();
    if (stride == 0) {
      out.add(rows);
      return out;
    }
    for (int o = rows; o >= seqLen; o -= stride) {
      out.add(0, o);
    }
    return out;
  }

  /** The sampling step in seconds: the series' inferred frequency, else the model's. */
  public static long step(ModelCard card, TimeSeriesFrame frame) {
    return frame.quality().frequencySeconds() > 0 ? frame.quality().frequencySeconds() : card.frequencySeconds();
  }

  /**
   * The output columns after {@code origin, timestamp, step}: one per variate in the model's order,
   * then {@code <column>_lo<L>, <column>_hi<L>} per level (in the order given) and variate.
   */
  public static List<String> valueColumns(ModelCard card, List<Double> levels) {
    return valueColumns(card.columns(), levels);
  }

  /** As {@link #valueColumns(ModelCard, List)} for the variates {@code columns}. */
  public static List<String> valueColumns(List<String> columns, List<Double> levels) {
    List<String> out = new ArrayList<>(columns);
    for (double level : levels) {
      String label = ConformalCalibration.label(level);
      for (String c : columns) {
        out.add(c + "_lo" + label);
        out.add(c + "_hi" + label);
      }
    }
    return out;
  }

  /**
   * Forecasts from one origin. The caller has checked the columns ({@link ForecastPipeline#checkColumns}),
   * the values and the levels ({@link Forecaster#checkIntervals}).
   *
   * @param step the sampling step in seconds ({@link #step})
   * @param levels interval levels in percent; empty for none
   */
  public static AtOrigin at(Forecaster f, TimeSeriesFrame frame, int origin, long step, List<Double> levels) {
    ModelCard card = f.card();
    double[] y = f.forecast(frame.values(origin - card.seqLen(), origin), card.seqLen());
    PredictionIntervals bands = levels.isEmpty() ? null : f.intervals(y, levels);
    long last = frame.timestamp(origin - 1);
    List<String> timestamps = new ArrayList<>(card.predLen());
    for (int k = 0; k < card.predLen(); k++) {
      timestamps.add(frame.timestampFormat().format(last + (k + 1) * step));
    }
    return new AtOrigin(origin, frame.timestampFormat().format(last), timestamps, y, bands);
  }

  /**
   * The output values of step {@code k} (0-based) of a forecast, in {@link #valueColumns} order: the
   * point values, then each level's lower and upper bound per variate.
   */
  public static double[] row(AtOrigin forecast, int k, int columns) {
    int levels = forecast.intervals() == null ? 0 : forecast.intervals().bands().size();
    double[] out = new double[columns * (1 + 2 * levels)];
    System.arraycopy(forecast.values(), k * columns, out, 0, columns);
    int i = columns;
    if (forecast.intervals() != null) {
      for (PredictionIntervals.Band band : forecast.intervals().bands().values()) {
        for (int c = 0; c < columns; c++) {
          out[i++] = band.lower()[k * columns + c];
          out[i++] = band.upper()[k * columns + c];
        }
      }
    }
    return out;
  }
}
