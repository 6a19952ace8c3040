package io.forecast.data;

import java.util.List;
import java.util.Map;

/**
 * What the loader found wrong or unusual in a file. Immutable.
 *
 * @param frequencySeconds the inferred sampling step (the most common positive difference between
 *     consecutive timestamps), or 0 when the series has fewer than two distinct timestamps
 * @param duplicateCount timestamps equal to the previous one
 * @param duplicates the first {@link #LISTED} of them
 * @param gapCount steps larger than the inferred frequency
 * @param gaps the first {@link #LISTED} of them
 * @param sentinelCounts per value column (header order), how many cells equal a sentinel value;
 *     columns with none are omitted
 * @param invalidCellCount empty, non-numeric, NaN or infinite value cells
 * @param invalidCells the first {@link #LISTED} of them
 * @param policy the missing-value policy applied
 * @param filledCells cells replaced under {@link MissingValuePolicy#FFILL}
 */
public record DataQualityReport(
    long frequencySeconds,
    int duplicateCount,
    List<DuplicateTimestamp> duplicates,
    int gapCount,
    List<Gap> gaps,
    Map<String, Integer> sentinelCounts,
    int invalidCellCount,
    List<InvalidCell> invalidCells,
    MissingValuePolicy policy,
    int filledCells) {

  /** How many entries of each kind a report lists in full (the counts are always complete). */
  public static final int LISTED = 100;

  public DataQualityReport {
    duplicates = List.copyOf(duplicates);
    gaps = List.copyOf(gaps);
    sentinelCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sentinelCounts));
    invalidCells = List.copyOf(invalidCells);
  }

  /**
   * A timestamp equal to the previous row's.
   *
   * @param line 1-based line in the file (header = line 1)
   * @param timestamp the repeated timestamp, as formatted by the file's layout
   */
  public record DuplicateTimestamp(int line, String timestamp) {}

  /**
   * A step larger than the inferred frequency.
   *
   * @param line the line of the row after the gap
   * @param after the last timestamp before the gap
   * @param next the first timestamp after the gap
   * @param missingSteps readings missing on the regular grid ({@code step / frequency - 1}, rounded
   *     down)
   * @param offGrid true when the step is not a whole multiple of the frequency
   */
  public record Gap(int line, String after, String next, long missingSteps, boolean offGrid) {}

  /**
   * A value cell that is not a usable number.
   *
   * @param line 1-based line in the file
   * @param column the column name
   * @param text the cell's text ({@code ""} for an empty cell)
   */
  public record InvalidCell(int line, String column, String text) {}

  /** The inferred frequency as an ISO-8601 duration ({@code PT1H}, {@code PT10M}, {@code P7D}), or {@code null}. */
  public String frequency() {
    return formatDuration(frequencySeconds);
  }

  /** Formats seconds as an ISO-8601 duration, whole days as {@code PnD}; {@code null} for 0. */
  public static String formatDuration(long seconds) {
    if (seconds <= 0) {
      return null;
    }
    if (seconds % 86_400 == 0) {
      return "P" + seconds / 86_400 + "D";
    }
    return java.time.Duration.ofSeconds(seconds).toString();
  }
}
