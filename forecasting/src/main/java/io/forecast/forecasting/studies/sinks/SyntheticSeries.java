package io.forecast.forecasting.studies.sinks;

import io.forecast.data.DataQualityReport;
import io.forecast.data.MissingValuePolicy;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.data.TimestampFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic hourly series: {@link #VARIATES} columns, each a sum of a daily and a weekly sine of
 * random amplitude and phase, a shared slow sine (so the columns are correlated), and Gaussian noise of
 * std 0.3; named {@code synthetic} (split 7:1:2 like any file without a known name).
 */
public final class SyntheticSeries {
  /** Columns of the series. */
  public static final int VARIATES = 7;

  private SyntheticSeries() {}

  /** {@code rows} hourly rows from 2020-01-01 00:00 UTC. */
  public static TimeSeriesFrame generate(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("the synthetic series needs at least 1 row, got " + rows);
    }
    Random random = new Random(seed);
    double[][] amp = new double[VARIATES][3];
    double[][] phase = new double[VARIATES][3];
    for (int c = 0; c < VARIATES; c++) {
      for (int k = 0; k < 3; k++) {
        amp[c][k] = 0.5 + random.nextDouble();
        phase[c][k] = 2 * Math.PI * random.nextDouble();
      }
    }
    double[] periods = {24, 168, 500};
    double[] values = new double[rows * VARIATES];
    long[] timestamps = new long[rows];
    long start = 1_577_836_800L; // 2020-01-01T00:00:00Z
    for (int t = 0; t < rows; t++) {
      timestamps[t] = start + 3600L * t;
      double shared = Math.sin(2 * Math.PI * t / periods[2]);
      for (int c = 0; c < VARIATES; c++) {
        double v = amp[c][2] * shared + 0.3 * random.nextGaussian();
        for (int k = 0; k < 2; k++) {
          v += amp[c][k] * Math.sin(2 * Math.PI * t / periods[k] + phase[c][k]);
        }
        values[t * VARIATES + c] = v;
      }
    }
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < VARIATES; c++) {
      columns.add("s" + c);
    }
    DataQualityReport quality = new DataQualityReport(3600, 0, List.of(), 0, List.of(), Map.of(), 0, List.of(),
        MissingValuePolicy.REJECT, 0);
    return new TimeSeriesFrame("synthetic", "date", columns, VARIATES - 1, TimestampFormat.DATE_TIME_SECONDS,
        timestamps, values, quality);
  }
}
