package io.forecast.data;

import java.util.Locale;

/** The three chronological parts of a series. */
public enum Split {
  TRAIN,
  VAL,
  TEST;

  /** Lower-case name, as used in reports ({@code train}, {@code val}, {@code test}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
