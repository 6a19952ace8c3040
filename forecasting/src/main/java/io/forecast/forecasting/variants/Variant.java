package io.forecast.forecasting.variants;

import io.forecast.forecasting.InvalidSettingsException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One attention variant of a comparison: an operator name and, optionally, its parameters, written
 * {@code NAME} or {@code NAME:KEY=VALUE[:KEY=VALUE…]} (e.g. {@code sinkhorn:iterations=21}). Immutable.
 *
 * @param operator the operator's registry name
 * @param params the parameters given, as text (checked later by the type or the operator)
 */
public record Variant(String operator, Map<String, String> params) {
  public Variant {
    Objects.requireNonNull(operator, "operator");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
  }

  /**
   * Parses {@code NAME} or {@code NAME:KEY=VALUE[:KEY=VALUE…]}.
   *
   * @throws InvalidSettingsException for an empty name or a parameter without {@code =}
   */
  public static Variant parse(String text) {
    String[] parts = text.strip().split(":", -1);
    if (parts[0].isBlank()) {
      throw new InvalidSettingsException("attention variant '" + text + "' has no operator name; write NAME or "
          + "NAME:KEY=VALUE, e.g. sinkhorn:iterations=21");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || eq == parts[i].length() - 1) {
        throw new InvalidSettingsException("attention variant '" + text + "': '" + parts[i] + "' is not KEY=VALUE");
      }
      if (params.put(parts[i].substring(0, eq).strip(), parts[i].substring(eq + 1).strip()) != null) {
        throw new InvalidSettingsException("attention variant '" + text + "' gives parameter '"
            + parts[i].substring(0, eq).strip() + "' twice");
      }
    }
    return new Variant(parts[0].strip(), params);
  }

  /** The variant's name in tables and run files: {@code NAME}, or {@code NAME_KEY=VALUE_…}. */
  public String label() {
    StringBuilder s = new StringBuilder(operator);
    params.forEach((k, v) -> s.append('_').append(k).append('=').append(v));
    return s.toString();
  }
}
