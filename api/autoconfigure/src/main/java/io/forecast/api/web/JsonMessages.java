package io.forecast.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's error sentences rewritten for people who send JSON rather than write Java: no Java type
 * names, feature flags or token enums, the kind of JSON value that was expected instead. Used for
 * request bodies (problem documents) and for the JSON files of a model directory (CLI errors).
 */
public final class JsonMessages {
  private static final Pattern TOKEN = Pattern.compile("\\s*\\(token `JsonToken\\.[A-Z_]+`\\)");
  private static final Pattern FROM_VALUE = Pattern.compile(
      "Cannot deserialize value of type `([^`]+)` from (\\w+) value");
  private static final Pattern FROM_STRING = Pattern.compile(
      "Cannot deserialize value of type `([^`]+)` from String (\"[^\"]*\")(?::.*)?");
  private static final Pattern NO_CREATOR = Pattern.compile(
      "Cannot construct instance of `([^`]+)`.*?deserialize from (\\w+) value(?: \\(('[^']*'|[^)]*)\\))?.*");
  private static final Pattern START_MARKER = Pattern.compile(
      "\\(start marker at \\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");
  private static final Pattern NUMBER_LENGTH = Pattern.compile(
      "Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*");
  private static final Pattern DEPTH = Pattern.compile(
      "Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*");
  private static final Pattern STRING_LENGTH = Pattern.compile(
      "String value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*");
  private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'.*");
  private static final Pattern QUOTED_TYPE = Pattern.compile("`([\\w.$\\[\\]<>, ]+)`");

  private JsonMessages() {}

  /** What is wrong with a JSON text, in one line: Jackson's sentence without Java names. */
  public static String reason(JsonProcessingException e) {
    return rewrite(e.getOriginalMessage());
  }

  /** {@link #reason} for a message text. */
  public static String rewrite(String original) {
    String m = firstLine(original);
    if (m.startsWith("Trailing token")) {
      return "unexpected content after the JSON value";
    }
    m = TOKEN.matcher(m).replaceAll("");
    m = START_MARKER.matcher(m).replaceAll("(opened at line $1, column $2)");
    Matcher x;
    if ((x = NUMBER_LENGTH.matcher(m)).matches()) {
      return "a number with " + x.group(1) + " characters; at most " + x.group(2) + " are accepted";
    }
    if ((x = STRING_LENGTH.matcher(m)).matches()) {
      return "a string of " + x.group(1) + " characters; at most " + x.group(2) + " are accepted";
    }
    if ((x = DEPTH.matcher(m)).matches()) {
      return "JSON nested " + x.group(1) + " levels deep; at most " + x.group(2) + " are accepted";
    }
    if ((x = NON_STANDARD.matcher(m)).matches()) {
      return "non-standard token '" + x.group(1) + "' (JSON has no NaN or Infinity; send null for a missing value)";
    }
    if ((x = FROM_STRING.matcher(m)).matches()) {
      return "expected " + kind(x.group(1)) + ", got the string " + x.group(2);
    }
    if ((x = FROM_VALUE.matcher(m)).find()) {
      return "expected " + kind(x.group(1)) + ", got " + article(x.group(2)) + m.substring(x.end()).trim();
    }
    if ((x = NO_CREATOR.matcher(m)).matches()) {
      return "expected " + kind(x.group(1)) + ", got " + article(x.group(2))
          + (x.group(3) == null ? "" : " " + x.group(3));
    }
    return withoutJavaTypes(m);
  }

  /**
   * Replaces the Java type names Jackson quotes in its messages ({@code `java.lang.Double`},
   * {@code `io.forecast...ForecastRequestBody`}) by the JSON kind a client understands.
   */
  public static String withoutJavaTypes(String message) {
    Matcher x = QUOTED_TYPE.matcher(message);
    StringBuilder sb = new StringBuilder();
    while (x.find()) {
      x.appendReplacement(sb, Matcher.quoteReplacement(x.group(1).contains("Feature") ? "a parser option"
          : kind(x.group(1))));
    }
    x.appendTail(sb);
    return sb.toString();
  }

  /** The JSON path of a mapping error ({@code columns.OT[3]}). */
  public static String path(java.util.List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The JSON kind a Java type is read from: "a number", "an array", "a string", ... */
  public static String kind(String javaType) {
    String t = javaType.trim();
    if (t.endsWith("[]") || t.startsWith("java.util.List") || t.startsWith("java.util.ArrayList")
        || t.startsWith("java.util.Collection")) {
      return "an array";
    }
    return switch (t) {
      case "double", "float", "int", "long", "short", "java.lang.Double", "java.lang.Float", "java.lang.Integer",
          "java.lang.Long", "java.lang.Short", "java.math.BigDecimal", "java.math.BigInteger" -> "a number";
      case "boolean", "java.lang.Boolean" -> "true or false";
      case "java.lang.String", "char", "java.lang.Character" -> "a string";
      default -> "an object";
    };
  }

  private static String article(String jsonKind) {
    String k = jsonKind.toLowerCase(java.util.Locale.ROOT);
    return switch (k) {
      case "array", "object", "integer" -> "an " + k;
      case "boolean" -> "a boolean";
      default -> "a " + k;
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
