package io.forecast.data;

import java.util.Locale;

/**
 * How a series is cut into train / validation / test, following the Time-Series-Library loaders.
 *
 * <ul>
 *   <li>{@link #ETT_HOUR}: 12 / 4 / 4 months of 30 days at 24 rows a day (8640 / 2880 / 2880 rows);
 *       rows after the 20 months are unused.
 *   <li>{@link #ETT_MINUTE}: the same months at 96 rows a day (34560 / 11520 / 11520).
 *   <li>{@link #RATIO}: train {@code floor(0.7 n)}, test {@code floor(0.2 n)} from the end,
 *       validation the rows between.
 *   <li>{@link #AUTO}: ETT_HOUR for a file named {@code ETTh*}, ETT_MINUTE for {@code ETTm*}, else
 *       RATIO.
 *   <li>{@link #EXPLICIT}: boundaries given row by row ({@link SplitBoundaries#explicit}), e.g. a
 *       rolling-origin backtest fold; not a user choice, so {@link #parse} does not accept it.
 * </ul>
 */
public enum SplitRule {
  AUTO("auto"),
  ETT_HOUR("ett-hour"),
  ETT_MINUTE("ett-minute"),
  RATIO("ratio"),
  EXPLICIT("explicit");

  private final String label;

  SplitRule(String label) {
    this.label = label;
  }

  /** The command-line spelling ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}). */
  public String label() {
    return label;
  }

  /**
   * Parses the command-line spelling (case-insensitive; {@code _} accepted for {@code -}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SplitRule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (SplitRule r : values()) {
      if (r != EXPLICIT && r.label.equals(t)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown split '" + text + "': expected one of auto, ett-hour, ett-minute, ratio");
  }

  /** Resolves {@link #AUTO} from a file name; any other rule is returned as is. */
  public SplitRule resolve(String fileName) {
    if (this != AUTO) {
      return this;
    }
    String name = fileName == null ? "" : fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    if (name.startsWith("ETTh")) {
      return ETT_HOUR;
    }
    if (name.startsWith("ETTm")) {
      return ETT_MINUTE;
    }
    return RATIO;
  }

  @Override
  public String toString() {
    return label;
  }
}
