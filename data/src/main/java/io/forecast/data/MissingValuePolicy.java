package io.forecast.data;

import java.util.Locale;

/**
 * What the loader does with value cells that are not usable numbers (empty, non-numeric, NaN,
 * infinite) and with sentinel values such as {@code -9999}.
 *
 * <ul>
 *   <li>{@link #REJECT} (default): an unusable cell is an error ({@link InvalidCellException}) naming
 *       its line and column; sentinels are kept as numbers and counted in the report.
 *   <li>{@link #KEEP}: unusable cells become NaN and sentinels are kept as numbers, both listed in
 *       the report. This is what the published benchmarks do with weather.csv's {@code -9999}.
 *       Models refuse NaN later, so KEEP is for inspection or for files with sentinels only.
 *   <li>{@link #FFILL}: unusable cells and sentinels are replaced by the last usable value of the
 *       same column (leading ones by the first usable value); a column with no usable value is an
 *       error.
 * </ul>
 */
public enum MissingValuePolicy {
  REJECT,
  KEEP,
  FFILL;

  /** Lower-case command-line spelling. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code reject}, {@code keep} or {@code ffill} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MissingValuePolicy parse(String text) {
    for (MissingValuePolicy p : values()) {
      if (p.label().equalsIgnoreCase(text.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown missing-value policy '" + text + "': expected reject, keep or ffill");
  }
}
