package io.forecast.forecasting.service;

import io.forecast.data.TimestampFormat;
import io.forecast.forecasting.ModelCard;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a forecast {@link History} against a model's card before anything runs, each failure an
 * {@link InvalidHistoryException} (or {@link HistoryTooShortException}) with a one-line message
 * naming the column, row or timestamp index:
 *
 * <ul>
 *   <li>{@link #rowCount}: at most {@code maxHistoryRows} rows;
 *   <li>{@link #inputRows}: exactly the model's columns, of equal length, at least {@code seqLen}
 *       rows, every value finite; returns the model's input (the last {@code seqLen} rows);
 *   <li>{@link #futureTimestamps}: every timestamp parses in one layout (the model's, or the one
 *       detected from the first timestamp), each is strictly after the one before and, when the
 *       card has a frequency, exactly one step after it; returns the forecast rows' timestamps.
 * </ul>
 *
 * A history without timestamps is allowed (the answer then has none).
 */
final class HistoryCheck {
  private HistoryCheck() {}

  /** Refuses a history with more than {@code maxRows} rows (the longest column, or the timestamps). */
  static void rowCount(History history, int maxRows) {
    int rows = history.timestamps() == null ? 0 : history.timestamps().size();
    for (double[] column : history.columns().values()) {
      rows = Math.max(rows, column.length);
    }
    if (rows > maxRows) {
      throw new InvalidHistoryException("history has " + rows + " rows; at most " + maxRows
          + " are accepted per forecast");
    }
  }

  /** Checks a history's columns and values against a card and returns its last {@code seqLen} rows, row-major. */
  static double[] inputRows(String modelId, ModelCard card, History history) {
    Set<String> missing = new TreeSet<>(card.columns());
    missing.removeAll(history.columns().keySet());
    Set<String> extra = new TreeSet<>(history.columns().keySet());
    card.columns().forEach(extra::remove);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder sb = new StringBuilder("history columns do not match model '" + modelId + "' (expects "
          + card.columns() + ")");
      if (!missing.isEmpty()) {
        sb.append("; missing ").append(missing);
      }
      if (!extra.isEmpty()) {
        sb.append("; unexpected ").append(extra);
      }
      throw new InvalidHistoryException(sb.toString());
    }
    String first = card.columns().get(0);
    int rows = history.columns().get(first).length;
    for (String name : card.columns()) {
      int len = history.columns().get(name).length;
      if (len != rows) {
        throw new InvalidHistoryException("columns have unequal lengths: '" + first + "' has " + rows
            + " values, '" + name + "' has " + len);
      }
    }
    if (history.timestamps() != null && history.timestamps().size() != rows) {
      throw new InvalidHistoryException("timestamps has " + history.timestamps().size()
          + " entries but the columns have " + rows + " rows");
    }
    if (rows < card.seqLen()) {
      throw new HistoryTooShortException(modelId, card.seqLen(), rows);
    }
    int n = card.columns().size();
    for (int c = 0; c < n; c++) {
      double[] v = history.columns().get(card.columns().get(c));
      for (int r = 0; r < rows; r++) {
        if (!Double.isFinite(v[r])) {
          throw new InvalidHistoryException("column '" + card.columns().get(c) + "', row " + r + " (0-based): "
              + (Double.isNaN(v[r]) ? "missing value (null or NaN)" : "value " + v[r] + " is not finite"));
        }
      }
    }
    int t = card.seqLen();
    double[] input = new double[t * n];
    for (int c = 0; c < n; c++) {
      double[] v = history.columns().get(card.columns().get(c));
      for (int r = 0; r < t; r++) {
        input[r * n + c] = v[rows - t + r];
      }
    }
    return input;
  }

  /**
   * Checks a history's timestamps and returns the forecast rows' timestamps: the last one plus
   * {@code k} model steps, in the model's layout (or the history's, if the model has none).
   *
   * @param everyRow whether every timestamp is checked (parse, strictly increasing, on the model's
   *     grid), as for a JSON history; if false only the last is parsed (a CSV upload, whose rows the
   *     file reader parsed already)
   * @return {@code null} if the history has no timestamps or the card no frequency
   */
  static List<String> futureTimestamps(ModelCard card, History history, boolean everyRow) {
    List<String> ts = history.timestamps();
    if (ts == null || ts.isEmpty()) {
      return null;
    }
    TimestampFormat model = modelFormat(card);
    int last = ts.size() - 1;
    int from = everyRow ? 0 : last;
    String firstText = text(ts, from);
    TimestampFormat layout = model != null && model.tryParse(firstText) != Long.MIN_VALUE ? model
        : TimestampFormat.detect(firstText);
    if (layout == null) {
      throw notATimestamp(ts, from, "the model's layout " + (model == null ? "yyyy-MM-dd HH:mm:ss" : model.description()));
    }
    long step = card.frequencySeconds();
    long previous = layout.tryParse(firstText);
    for (int i = from + 1; i <= last; i++) {
      long epoch = layout.tryParse(text(ts, i));
      if (epoch == Long.MIN_VALUE) {
        throw notATimestamp(ts, i, layout == model ? "the model's layout " + layout.description()
            : "the layout " + layout.description() + " of timestamps[" + from + "]");
      }
      if (epoch <= previous) {
        throw new InvalidHistoryException(describe(ts, i) + " is not after " + describe(ts, i - 1));
      }
      if (step > 0 && epoch - previous != step) {
        throw new InvalidHistoryException(describe(ts, i) + " is not one step (" + step + " s) after "
            + describe(ts, i - 1));
      }
      previous = epoch;
    }
    if (step <= 0) {
      return null;
    }
    TimestampFormat out = model == null ? layout : model;
    List<String> future = new ArrayList<>(card.predLen());
    try {
      for (int k = 1; k <= card.predLen(); k++) {
        future.add(out.format(Math.addExact(previous, Math.multiplyExact(k, step))));
      }
    } catch (ArithmeticException | DateTimeException e) {
      throw new InvalidHistoryException(describe(ts, last) + " is too late: the forecast's timestamps would be "
          + "past the last representable date");
    }
    return future;
  }

  private static TimestampFormat modelFormat(ModelCard card) {
    try {
      return card.timestampFormat() == null ? null : TimestampFormat.valueOf(card.timestampFormat());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(List<String> ts, int i) {
    return ts.get(i) == null ? "" : ts.get(i).trim();
  }

  private static InvalidHistoryException notATimestamp(List<String> ts, int i, String expected) {
    if (ts.get(i) == null) {
      return new InvalidHistoryException("timestamps[" + i + "] is missing (null); expected " + expected);
    }
    return new InvalidHistoryException(describe(ts, i) + " is not a timestamp; expected " + expected);
  }

  /** {@code timestamps[i] 'text'}: the text trimmed, non-printable characters escaped, long text shortened. */
  private static String describe(List<String> ts, int i) {
    String text = text(ts, i);
    String shown = text.length() <= 60 ? text : text.substring(0, 57);
    StringBuilder sb = new StringBuilder("timestamps[").append(i).append("] '");
    shown.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.UNASSIGNED) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.append(shown.length() < text.length() ? "...'" : "'").toString();
  }
}
