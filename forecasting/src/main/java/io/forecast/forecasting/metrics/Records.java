package io.forecast.forecasting.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Helpers for the immutable result records. */
final class Records {
  private Records() {}

  /** An unmodifiable copy keeping the iteration order (column order). */
  static <V> Map<String, V> orderedMap(Map<String, V> map) {
    Objects.requireNonNull(map, "map");
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
