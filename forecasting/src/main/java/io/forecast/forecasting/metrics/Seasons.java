package io.forecast.forecasting.metrics;

/**
 * The default seasonal period of a series from its sampling step, shared by the {@code
 * seasonal-naive} baseline and the MASE scale of an evaluation.
 */
public final class Seasons {
  private static final long DAY = 86_400;
  private static final long WEEK = 7 * DAY;

  private Seasons() {}

  /**
   * The default season for a sampling step in seconds: one day of steps below a day (when the step
   * divides a day: 24 hourly, 96 at 15 minutes, 144 at 10 minutes), 7 for daily, 52 for weekly data;
   * 0 when none applies (an unknown or irregular step, or one that does not divide a day).
   */
  public static int inferPeriod(long stepSeconds) {
    if (stepSeconds <= 0) {
      return 0;
    }
    if (stepSeconds < DAY) {
      return DAY % stepSeconds == 0 ? (int) (DAY / stepSeconds) : 0;
    }
    if (stepSeconds == DAY) {
      return 7;
    }
    if (stepSeconds == WEEK) {
      return 52;
    }
    return 0;
  }
}
