package io.forecast.forecasting.service;

import java.util.regex.Pattern;

/**
 * Model ids are directory names inside the store: 1 to 64 characters from {@code [A-Za-z0-9._-]},
 * starting with a letter or digit, never containing {@code ..}. This rules out path separators,
 * absolute paths, traversal and the store's hidden temporary directories.
 */
public final class ModelId {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ModelId() {}

  /**
   * Returns {@code id} if it is valid.
   *
   * @throws InvalidModelIdException naming the id and the rule it breaks
   */
  public static String check(String id) {
    if (id == null || id.isEmpty()) {
      throw new InvalidModelIdException("model id is empty; use 1-64 characters from A-Z a-z 0-9 . _ -");
    }
    if (!VALID.matcher(id).matches() || id.contains("..")) {
      throw new InvalidModelIdException("invalid model id '" + abbreviate(id) + "': use 1-64 characters from "
          + "A-Z a-z 0-9 . _ -, starting with a letter or digit, without '..' or path separators");
    }
    return id;
  }

  /** Whether {@code name} is a valid id (no exception). */
  static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches() && !name.contains("..");
  }

  private static String abbreviate(String id) {
    String printable = id.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
  }
}
