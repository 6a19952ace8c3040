package io.forecast.forecasting.service;

/**
 * How to read and split an uploaded file for its inspection report ({@link ForecastService#inspect}),
 * with the options of {@code forecast inspect}.
 *
 * @param seqLen input length the window counts are for ({@code null}: 96)
 * @param predLen horizon the window counts are for ({@code null}: 96)
 * @param target target column, or {@code null} for the default
 * @param timestampColumn timestamp column, or {@code null} for the first
 * @param split split rule ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}); {@code null} means auto
 * @param missing missing-value policy ({@code reject}, {@code keep}, {@code ffill}); {@code null} means reject
 */
public record DataReportRequest(Integer seqLen, Integer predLen, String target, String timestampColumn,
    String split, String missing) {

  /** Input and horizon length when none is given. */
  public static final int DEFAULT_LENGTH = 96;

  /** Every option at its default. */
  public static DataReportRequest defaults() {
    return new DataReportRequest(null, null, null, null, null, null);
  }
}
