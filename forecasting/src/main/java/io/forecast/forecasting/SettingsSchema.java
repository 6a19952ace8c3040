package io.forecast.forecasting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a model type takes, in order. {@link #resolve} turns user input into checked
 * {@link Settings}: unknown keys and bad values are refused with messages that name them.
 */
public final class SettingsSchema {
  private final String type;
  private final Map<String, Setting> settings = new LinkedHashMap<>();

  /**
   * @param type the model type's name (for messages)
   * @param settings the settings, names unique
   */
  public SettingsSchema(String type, List<Setting> settings) {
    this.type = Objects.requireNonNull(type, "type");
    for (Setting s : settings) {
      if (this.settings.put(s.name(), s) != null) {
        throw new IllegalArgumentException("setting '" + s.name() + "' declared twice");
      }
    }
  }

  /** The settings, in declaration order. */
  public List<Setting> settings() {
    return List.copyOf(settings.values());
  }

  /** Whether a setting of that name exists. */
  public boolean has(String name) {
    return settings.containsKey(name);
  }

  /**
   * Checks raw values (text or JSON scalars) and fills in the defaults.
   *
   * @throws InvalidSettingsException for an unknown key (listing the known ones) or a bad value
   */
  public Settings resolve(Map<String, ?> raw) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, ?> given = raw == null ? Map.of() : raw;
    for (String key : given.keySet()) {
      if (!settings.containsKey(key)) {
        throw new InvalidSettingsException("model type '" + type + "' has no setting '" + key + "'; its settings: "
            + (settings.isEmpty() ? "none" : String.join(", ", settings.keySet())));
      }
    }
    for (Setting s : settings.values()) {
      Object v = given.containsKey(s.name()) ? s.parse(type, given.get(s.name())) : s.defaultValue();
      values.put(s.name(), v);
    }
    return new Settings(type, values);
  }

  /** Every setting's JSON description, in order. */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    settings.values().forEach(s -> out.add(s.describe()));
    return Collections.unmodifiableList(out);
  }
}
