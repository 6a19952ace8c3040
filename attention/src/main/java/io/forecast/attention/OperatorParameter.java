package io.forecast.attention;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One typed parameter of an attention operator: name, kind, default, allowed range or choices, and
 * a one-line description. {@link #parse} turns a user's value (a string from the command line, a
 * number or boolean from JSON) into the typed value, or refuses it with a message naming the
 * operator, the parameter and what is allowed.
 */
public record OperatorParameter(String name, Kind kind, Object defaultValue, double min, double max,
    List<String> choices, String doc) {

  /** The value kinds. */
  public enum Kind { INT, LONG, DOUBLE, BOOLEAN, CHOICE }

  public OperatorParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(doc, "doc");
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  /** An integer parameter in {@code [min, max]}. */
  public static OperatorParameter ofInt(String name, int defaultValue, int min, int max, String doc) {
    return new OperatorParameter(name, Kind.INT, defaultValue, min, max, null, doc);
  }

  /** A long parameter (e.g. a seed) in {@code [min, max]}. */
  public static OperatorParameter ofLong(String name, long defaultValue, long min, long max, String doc) {
    return new OperatorParameter(name, Kind.LONG, defaultValue, min, max, null, doc);
  }

  /** A finite double parameter in {@code [min, max]}. */
  public static OperatorParameter ofDouble(String name, double defaultValue, double min, double max, String doc) {
    return new OperatorParameter(name, Kind.DOUBLE, defaultValue, min, max, null, doc);
  }

  /** A boolean parameter. */
  public static OperatorParameter ofBoolean(String name, boolean defaultValue, String doc) {
    return new OperatorParameter(name, Kind.BOOLEAN, defaultValue, 0, 1, null, doc);
  }

  /** One of a fixed set of words. */
  public static OperatorParameter ofChoice(String name, String defaultValue, List<String> choices, String doc) {
    return new OperatorParameter(name, Kind.CHOICE, defaultValue, 0, 0, choices, doc);
  }

  /** What is allowed, in words: "an integer from 1 to 1001", "one of pre, post", ... */
  public String allowed() {
    return switch (kind) {
      case INT, LONG -> "an integer from " + (long) min + " to " + (long) max;
      case DOUBLE -> "a number from " + format(min) + " to " + format(max);
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
    };
  }

  /**
   * The typed value of {@code value} for operator {@code operator}.
   *
   * @throws InvalidOperatorParameterException when the value has the wrong kind or is out of range
   */
  public Object parse(String operator, Object value) {
    try {
      Object typed = switch (kind) {
        case INT -> {
          long v = integral(value);
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new NumberFormatException();
          }
          yield (int) v;
        }
        case LONG -> integral(value);
        case DOUBLE -> {
          double v = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
          if (!Double.isFinite(v)) {
            throw new NumberFormatException();
          }
          yield v;
        }
        case BOOLEAN -> {
          if (value instanceof Boolean b) {
            yield b;
          }
          String s = value.toString().strip().toLowerCase(Locale.ROOT);
          if (!s.equals("true") && !s.equals("false")) {
            throw new NumberFormatException();
          }
          yield Boolean.parseBoolean(s);
        }
        case CHOICE -> {
          String s = value.toString().strip();
          if (!choices.contains(s)) {
            throw new NumberFormatException();
          }
          yield s;
        }
      };
      if (typed instanceof Number n && kind != Kind.CHOICE) {
        double d = n.doubleValue();
        if (d < min || d > max) {
          throw new NumberFormatException();
        }
      }
      return typed;
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidOperatorParameterException("attention operator '" + operator + "': parameter '" + name
          + "' must be " + allowed() + ", got '" + value + "'");
    }
  }

  private static long integral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
        throw new NumberFormatException();
      }
      return (long) d;
    }
    return Long.parseLong(value.toString().strip());
  }

  private static String format(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
