package io.forecast.forecasting.metrics;

import io.forecast.data.StandardScaler;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the accumulators. */
final class Shapes {
  private Shapes() {}

  static List<String> columns(List<String> columns) {
    List<String> copy = List.copyOf(Objects.requireNonNull(columns, "columns"));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no columns");
    }
    if (copy.stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException("duplicate column names: " + copy);
    }
    return copy;
  }

  static int predLen(int predLen) {
    if (predLen < 1) {
      throw new IllegalArgumentException("predLen must be positive, got " + predLen);
    }
    return predLen;
  }

  static StandardScaler scaler(StandardScaler scaler, int columns) {
    Objects.requireNonNull(scaler, "scaler");
    if (scaler.columns() != columns) {
      throw new IllegalArgumentException("scaler has " + scaler.columns() + " columns, expected " + columns);
    }
    return scaler;
  }

  /** The number of windows in {@code length} values of {@code predLen × columns} each. */
  static int windows(String what, int length, int predLen, int columns) {
    long per = (long) predLen * columns;
    if (length % per != 0) {
      throw new IllegalArgumentException(what + " has " + length + " values, not a whole number of windows of predLen "
          + predLen + " × " + columns + " columns (" + per + " per window)");
    }
    return (int) (length / per);
  }

  static void sameLength(String what, int length, String other, int otherLength) {
    if (length != otherLength) {
      throw new IllegalArgumentException(what + " has " + length + " values, " + other + " has " + otherLength);
    }
  }

  /** Throws naming window, step and column of the first non-finite value. */
  static void finite(String what, double[] values, int predLen, int columns) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " is not finite at " + where(i, predLen, columns) + ": " + values[i]);
      }
    }
  }

  static String where(int index, int predLen, int columns) {
    int per = predLen * columns;
    return "window " + index / per + ", step " + (index % per / columns + 1) + ", column " + index % columns;
  }

  /**
   * Checks levels in (0, 1): distinct, or strictly increasing when {@code increasing}; returns a copy.
   *
   * @param kind "interval" or "quantile", for the messages
   */
  static double[] levels(String kind, double[] levels, boolean increasing) {
    java.util.Objects.requireNonNull(levels, "levels");
    if (levels.length == 0) {
      throw new IllegalArgumentException("no " + kind + " levels");
    }
    for (int k = 0; k < levels.length; k++) {
      if (!(levels[k] > 0 && levels[k] < 1)) {
        throw new IllegalArgumentException(kind + " level must be in (0, 1), got " + levels[k]);
      }
      if (increasing && k > 0 && !(levels[k] > levels[k - 1])) {
        throw new IllegalArgumentException(
            kind + " levels must be strictly increasing, got " + levels[k - 1] + " then " + levels[k]);
      }
      for (int j = 0; j < k; j++) {
        if (levels[j] == levels[k]) {
          throw new IllegalArgumentException("duplicate " + kind + " level " + levels[k]);
        }
      }
    }
    return levels.clone();
  }
}
