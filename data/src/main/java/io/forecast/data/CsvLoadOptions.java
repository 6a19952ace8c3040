package io.forecast.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * How to read a time-series CSV file. Immutable; start from {@link #defaults()}.
 *
 * @param timestampColumn the timestamp column's header name, or {@code null} for the first column
 * @param targetColumn the target column's header name, or {@code null} for {@code OT} if present,
 *     else the last column
 * @param missingValues the missing-value policy
 * @param sentinels values counted as missing-value sentinels (default {@code -9999})
 */
public record CsvLoadOptions(
    String timestampColumn, String targetColumn, MissingValuePolicy missingValues, double[] sentinels) {

  /** The conventional target column name of the benchmark files. */
  public static final String DEFAULT_TARGET = "OT";

  public CsvLoadOptions {
    Objects.requireNonNull(missingValues, "missingValues");
    sentinels = sentinels == null ? new double[0] : sentinels.clone();
  }

  /** First column as timestamps, target {@code OT} (else last), policy {@code reject}, sentinel {@code -9999}. */
  public static CsvLoadOptions defaults() {
    return new CsvLoadOptions(null, null, MissingValuePolicy.REJECT, new double[] {-9999});
  }

  public CsvLoadOptions withTimestampColumn(String name) {
    return new CsvLoadOptions(name, targetColumn, missingValues, sentinels);
  }

  public CsvLoadOptions withTargetColumn(String name) {
    return new CsvLoadOptions(timestampColumn, name, missingValues, sentinels);
  }

  public CsvLoadOptions withMissingValues(MissingValuePolicy policy) {
    return new CsvLoadOptions(timestampColumn, targetColumn, policy, sentinels);
  }

  public CsvLoadOptions withSentinels(double... values) {
    return new CsvLoadOptions(timestampColumn, targetColumn, missingValues, values);
  }

  @Override
  public double[] sentinels() {
    return sentinels.clone();
  }

  boolean isSentinel(double v) {
    for (double s : sentinels) {
      if (v == s) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvLoadOptions other
        && Objects.equals(timestampColumn, other.timestampColumn)
        && Objects.equals(targetColumn, other.targetColumn)
        && missingValues == other.missingValues
        && Arrays.equals(sentinels, other.sentinels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestampColumn, targetColumn, missingValues, Arrays.hashCode(sentinels));
  }

  @Override
  public String toString() {
    return "CsvLoadOptions[timestampColumn=" + timestampColumn + ", targetColumn=" + targetColumn
        + ", missingValues=" + missingValues.label() + ", sentinels=" + Arrays.toString(sentinels) + "]";
  }
}
