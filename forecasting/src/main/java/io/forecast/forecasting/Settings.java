package io.forecast.forecasting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checked setting values of one model type (from {@link SettingsSchema#resolve}); a value is
 * {@code null} where the default is left to the type (e.g. to a preset). Immutable.
 */
public final class Settings {
  private final String type;
  private final Map<String, Object> values;

  Settings(String type, Map<String, Object> values) {
    this.type = type;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Every value by name, in schema order ({@code null} where unset and without default). */
  public Map<String, Object> asMap() {
    return values;
  }

  /** An integer setting, or {@code null}. */
  public Integer integer(String name) {
    return (Integer) get(name);
  }

  /** A decimal setting, or {@code null}. */
  public Double decimal(String name) {
    return (Double) get(name);
  }

  /** A boolean setting, or {@code null}. */
  public Boolean flag(String name) {
    return (Boolean) get(name);
  }

  /** A choice setting, or {@code null}. */
  public String choice(String name) {
    return (String) get(name);
  }

  private Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("model type '" + type + "' declares no setting '" + name + "'");
    }
    return values.get(name);
  }

  @Override
  public String toString() {
    return type + values;
  }
}
