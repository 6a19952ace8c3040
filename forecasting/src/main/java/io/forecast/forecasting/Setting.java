package io.forecast.forecasting;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One setting of a model type: name, kind, default, allowed range or choices, and what it does.
 * Immutable. Values arrive as text (the CLI's {@code --set key=value}) or as JSON scalars (the REST
 * request's {@code settings}) and are checked by {@link #parse}.
 *
 * @param name the key ({@code kernel}, {@code learningRate}, ...)
 * @param kind the value kind
 * @param defaultValue the default ({@code null}: decided by the type, e.g. from a preset)
 * @param min smallest allowed value for numbers, inclusive ({@code null}: none)
 * @param max largest allowed value for numbers, inclusive ({@code null}: none)
 * @param choices allowed values of a {@link Kind#CHOICE}
 * @param doc one sentence on what the setting does
 */
public record Setting(String name, Kind kind, Object defaultValue, Double min, Double max, List<String> choices,
    String doc) {

  /** The kinds of value a setting takes. */
  public enum Kind {
    /** A whole number (Java {@code int}). */
    INTEGER,
    /** A finite real number. */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of names. */
    CHOICE
  }

  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(doc, "doc");
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** An integer setting in {@code [min, max]}. */
  public static Setting integer(String name, Integer defaultValue, int min, int max, String doc) {
    return new Setting(name, Kind.INTEGER, defaultValue, (double) min, (double) max, List.of(), doc);
  }

  /** A decimal setting in {@code [min, max]}. */
  public static Setting decimal(String name, Double defaultValue, double min, double max, String doc) {
    return new Setting(name, Kind.DECIMAL, defaultValue, min, max, List.of(), doc);
  }

  /** A boolean setting. */
  public static Setting flag(String name, Boolean defaultValue, String doc) {
    return new Setting(name, Kind.BOOLEAN, defaultValue, null, null, List.of(), doc);
  }

  /** A choice among names. */
  public static Setting choice(String name, String defaultValue, List<String> choices, String doc) {
    return new Setting(name, Kind.CHOICE, defaultValue, null, null, choices, doc);
  }

  /**
   * Checks and converts a raw value (a {@link String}, {@link Number} or {@link Boolean}).
   *
   * @param type the model type, for the message
   * @return an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}
   * @throws InvalidSettingsException naming the setting, the type, the value and what is allowed
   */
  public Object parse(String type, Object raw) {
    if (raw == null) {
      throw invalid(type, "null", "a value");
    }
    String text = raw instanceof String s ? s.trim() : raw.toString();
    switch (kind) {
      case INTEGER -> {
        if (raw instanceof Boolean) {
          throw invalid(type, text, "a whole number");
        }
        long value;
        try {
          value = new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw invalid(type, text, "a whole number");
        }
        checkRange(type, value, text);
        return (int) value;
      }
      case DECIMAL -> {
        if (raw instanceof Boolean) {
          throw invalid(type, text, "a number");
        }
        double value;
        try {
          value = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw invalid(type, text, "a number");
        }
        if (!Double.isFinite(value) || text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
          throw invalid(type, text, "a finite number");
        }
        checkRange(type, value, text);
        return value;
      }
      case BOOLEAN -> {
        if (raw instanceof Boolean b) {
          return b;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          return Boolean.parseBoolean(lower);
        }
        throw invalid(type, text, "true or false");
      }
      case CHOICE -> {
        if (raw instanceof String) {
          String lower = text.toLowerCase(Locale.ROOT);
          for (String c : choices) {
            if (c.equals(lower)) {
              return c;
            }
          }
        }
        throw invalid(type, text, "one of " + String.join(", ", choices));
      }
      default -> throw new IllegalStateException(kind.name());
    }
  }

  private void checkRange(String type, double value, String text) {
    if ((min != null && value < min) || (max != null && value > max)) {
      throw invalid(type, text, rangeText());
    }
  }

  private String rangeText() {
    if (min != null && max != null) {
      return "between " + number(min) + " and " + number(max);
    }
    return min != null ? "at least " + number(min) : "at most " + number(max);
  }

  private String number(double v) {
    return kind == Kind.INTEGER || v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private InvalidSettingsException invalid(String type, String value, String expected) {
    return new InvalidSettingsException("setting '" + name + "' of model type '" + type + "' must be " + expected
        + ", got '" + value + "'");
  }

  /** The JSON description: name, type, default, range or choices, doc. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", kind.name().toLowerCase(Locale.ROOT));
    m.put("default", defaultValue);
    if (min != null) {
      m.put("min", kind == Kind.INTEGER ? (Object) (long) (double) min : min);
    }
    if (max != null) {
      m.put("max", kind == Kind.INTEGER ? (Object) (long) (double) max : max);
    }
    if (!choices.isEmpty()) {
      m.put("choices", choices);
    }
    m.put("doc", doc);
    return m;
  }
}
