package io.forecast.forecasting.compare;

import java.util.List;

/** Mean and sample standard deviation of a few numbers (shared with the grids built on this package). */
public final class Stats {
  private Stats() {}

  /** The mean, {@code null} for none. */
  public static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** The sample standard deviation (divided by n − 1), {@code null} for fewer than 2 values. */
  public static Double sampleStd(List<Double> values) {
    if (values.size() < 2) {
      return null;
    }
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.size() - 1));
  }
}
