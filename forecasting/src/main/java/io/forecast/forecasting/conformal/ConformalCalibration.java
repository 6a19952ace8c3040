package io.forecast.forecasting.conformal;

import com.fasterxml.jackson.databind.JsonNode;
import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.evaluation.ScaledPredictor;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Split-conformal half-widths per (horizon step, variate) and level, calibrated on the validation
 * windows (see the {@linkplain io.forecast.forecasting.conformal package description} for the
 * method, the refusal rule and the memory bound). Immutable.
 */
public final class ConformalCalibration {
  /** File in the model directory. */
  public static final String FILE = "conformal.json";
  /** Levels calibrated at training time. */
  public static final List<Double> DEFAULT_LEVELS = List.of(80.0, 95.0);
  /** Most validation windows whose residuals are kept. */
  public static final int MAX_WINDOWS = 5_000;
  /** Most residuals kept in all (windows × predLen × columns), 16 Mi floats = 64 MiB. */
  public static final long MAX_RESIDUALS = 1L << 24;

  private final int predLen;
  private final List<String> columns;
  private final int validationWindows;
  private final int windows;
  private final int stride;
  /** label → z-scored half-widths, {@code predLen × columns} row-major. */
  private final Map<String, double[]> quantiles;
  /** label → why it was refused. */
  private final Map<String, String> refused;
  /** label → empirical coverage in percent on the test split at training time (empty: not measured). */
  private final Map<String, Double> testCoverage;

  private ConformalCalibration(int predLen, List<String> columns, int validationWindows, int windows, int stride,
      Map<String, double[]> quantiles, Map<String, String> refused, Map<String, Double> testCoverage) {
    this.testCoverage = new LinkedHashMap<>(testCoverage);
    this.predLen = predLen;
    this.columns = List.copyOf(columns);
    this.validationWindows = validationWindows;
    this.windows = windows;
    this.stride = stride;
    this.quantiles = new LinkedHashMap<>(quantiles);
    this.refused = new LinkedHashMap<>(refused);
  }

  // ------------------------------------------------------------------ the rule

  /**
   * The conformal rank {@code ⌈(n+1)·level/100⌉}, computed exactly in decimal (so n = 9 at 80 % is
   * 8, not 9 from a rounding error).
   *
   * @throws IntervalsUnavailableException if the level is not in (0, 100)
   */
  public static long rank(int n, double level) {
    checkLevel(level);
    return BigDecimal.valueOf(n + 1L).multiply(BigDecimal.valueOf(level))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
  }

  /** Fewest residuals for which a level has a finite rank: the smallest n with rank(n) ≤ n. */
  public static int minimumWindows(double level) {
    checkLevel(level);
    int n = 1;
    while (rank(n, level) > n) {
      n++;
    }
    return n;
  }

  /**
   * The conformal quantile of residuals: the {@link #rank}-th smallest.
   *
   * @return the quantile, or empty when the rank exceeds the count (the interval would be unbounded)
   */
  public static Optional<Double> quantile(double[] residuals, double level) {
    long r = rank(residuals.length, level);
    if (r > residuals.length) {
      return Optional.empty();
    }
    double[] sorted = residuals.clone();
    Arrays.sort(sorted);
    return Optional.of(sorted[(int) r - 1]);
  }

  /** A level's label: {@code 80.0} → {@code "80"}, {@code 97.5} → {@code "97.5"}. */
  public static String label(double level) {
    return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
  }

  /**
   * Parses a comma-separated list of levels ({@code "80,95"}).
   *
   * @throws IntervalsUnavailableException for a non-number, a level outside (0, 100) or a repeat
   */
  public static List<Double> parseLevels(String text) {
    List<Double> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String s = part.trim();
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IntervalsUnavailableException("interval level '" + s + "' is not a number; give percentages such "
            + "as 80,95");
      }
      checkLevel(v);
      if (out.contains(v)) {
        throw new IntervalsUnavailableException("interval level " + label(v) + " is given twice");
      }
      out.add(v);
    }
    return out;
  }

  /**
   * Checks a list of levels (e.g. from a JSON request).
   *
   * @return an immutable copy
   * @throws IntervalsUnavailableException for a null element, a level outside (0, 100) or a repeat
   */
  public static List<Double> checkLevels(List<Double> levels) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Double v = levels.get(i);
      if (v == null) {
        throw new IntervalsUnavailableException("interval level " + (i + 1) + " is null; give percentages such as "
            + "80, 95");
      }
      checkLevel(v);
      if (out.contains(v)) {
        throw new IntervalsUnavailableException("interval level " + label(v) + " is given twice");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  static void checkLevel(double level) {
    if (!(level > 0 && level < 100)) {
      throw new IntervalsUnavailableException("interval level " + level + " is not a percentage in (0, 100)");
    }
  }

  // ------------------------------------------------------------------ calibration

  /**
   * Calibrates on windows of the validation split (z-scored, as the model predicts them).
   *
   * @param predictor the fitted model's z-scored predictions (e.g. {@code model::predictScaled})
   * @param validation the validation windows
   * @param columns the model's columns
   * @param levels the levels in percent, each in (0, 100), no repeats
   * @return the calibration, or empty when there are no validation windows
   */
  public static Optional<ConformalCalibration> calibrate(ScaledPredictor predictor, SlidingWindows validation,
      List<String> columns, List<Double> levels) {
    Objects.requireNonNull(predictor, "predictor");
    levels = checkLevels(levels);
    int total = validation.count();
    if (total == 0) {
      return Optional.empty();
    }
    if (columns.size() != validation.columns()) {
      throw new IllegalArgumentException(columns.size() + " column names for " + validation.columns() + " columns");
    }
    int per = validation.predLen() * validation.columns();
    int cap = (int) Math.max(1, Math.min(MAX_WINDOWS, MAX_RESIDUALS / per));
    int stride = (total + cap - 1) / cap;
    int n = (total + stride - 1) / stride;
    // residuals[k * n + j]: position k = step * columns + column, kept window j
    float[] residuals = new float[Math.multiplyExact(n, per)];
    float[] target = new float[per];
    int batch = stride == 1 ? ForecastEvaluator.BATCH : 1;
    int j = 0;
    for (int from = 0; from < total; from += batch * stride) {
      int size = stride == 1 ? Math.min(batch, total - from) : 1;
      float[] pred = predictor.predict(validation, from, size);
      for (int w = 0; w < size; w++) {
        validation.copyTarget(from + w, target, 0);
        for (int k = 0; k < per; k++) {
          float r = Math.abs(pred[w * per + k] - target[k]);
          if (!Float.isFinite(r)) {
            throw new IllegalStateException("non-finite validation residual at window " + (from + w));
          }
          residuals[k * n + j] = r;
        }
        j++;
      }
    }
    Map<String, double[]> quantiles = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    for (double level : levels) {
      long r = rank(n, level);
      if (r > n) {
        refused.put(label(level), "the " + label(level) + "% interval needs at least " + minimumWindows(level)
            + " validation windows (rank ⌈(n+1)·" + label(level) + "/100⌉ = " + r + " > n); this model was "
            + "calibrated on n = " + n);
      } else {
        quantiles.put(label(level), new double[per]);
      }
    }
    for (int k = 0; k < per; k++) {
      Arrays.sort(residuals, k * n, (k + 1) * n);
      for (double level : levels) {
        double[] q = quantiles.get(label(level));
        if (q != null) {
          q[k] = residuals[k * n + (int) rank(n, level) - 1];
        }
      }
    }
    return Optional.of(new ConformalCalibration(validation.predLen(), columns, total, n, stride, quantiles, refused,
        Map.of()));
  }

  // ------------------------------------------------------------------ use

  /**
   * Counts, over predictions of windows (z-scored), how often the truth lies inside each calibrated
   * level's interval, over every window, step and column. Not thread-safe.
   */
  public final class CoverageCounter {
    private final long[] inside = new long[quantiles.size()];
    private long total;

    private CoverageCounter() {}

    /** Adds the predictions of windows {@code from .. from+count-1}. */
    public void add(float[] predictions, SlidingWindows w, int from, int count) {
      int per = predLen * columns.size();
      float[] target = new float[per];
      List<double[]> qs = List.copyOf(quantiles.values());
      for (int i = 0; i < count; i++) {
        w.copyTarget(from + i, target, 0);
        for (int k = 0; k < per; k++) {
          double r = Math.abs(predictions[i * per + k] - target[k]);
          for (int l = 0; l < inside.length; l++) {
            if (r <= qs.get(l)[k]) {
              inside[l]++;
            }
          }
        }
        total += per;
      }
    }

    /** Coverage in percent by level label (empty when nothing was added). */
    public Map<String, Double> percent() {
      Map<String, Double> out = new LinkedHashMap<>();
      int l = 0;
      for (String label : quantiles.keySet()) {
        if (total > 0) {
          out.put(label, 100.0 * inside[l] / total);
        }
        l++;
      }
      return out;
    }
  }

  /** A counter of empirical coverage for this calibration's levels. */
  public CoverageCounter coverageCounter() {
    return new CoverageCounter();
  }

  /** The same calibration with the empirical test coverage measured at training time. */
  public ConformalCalibration withTestCoverage(Map<String, Double> coverage) {
    return new ConformalCalibration(predLen, columns, validationWindows, windows, stride, quantiles, refused,
        coverage);
  }

  /** Empirical coverage in percent on the test split at training time, by level label (may be empty). */
  public Map<String, Double> testCoverage() {
    return java.util.Collections.unmodifiableMap(testCoverage);
  }

  /** A JSON-ready summary: windows, stride, levels, refused levels, test coverage. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("validationWindows", validationWindows);
    out.put("windows", windows);
    out.put("stride", stride);
    out.put("levels", levels());
    out.put("refused", refused);
    out.put("testCoverage", testCoverage);
    return out;
  }

  /** Calibrated level labels, in calibration order. */
  public List<String> levels() {
    return List.copyOf(quantiles.keySet());
  }

  /** Refused level labels with their reasons. */
  public Map<String, String> refused() {
    return Map.copyOf(refused);
  }

  /** Validation windows in the split. */
  public int validationWindows() {
    return validationWindows;
  }

  /** Windows whose residuals were used ({@code n}). */
  public int windows() {
    return windows;
  }

  /** Stride between the used windows (1: every window). */
  public int stride() {
    return stride;
  }

  /**
   * A level's z-scored half-width at a step (0-based) and column.
   *
   * @throws IntervalsUnavailableException if the level was not calibrated
   */
  public double halfWidth(double level, int step, int column) {
    return widths(level)[step * columns.size() + column];
  }

  /**
   * Checks that every level was calibrated.
   *
   * @throws IntervalsUnavailableException naming the level and the available ones
   */
  public void require(List<Double> levels) {
    for (double level : levels) {
      widths(level);
    }
  }

  private double[] widths(double level) {
    checkLevel(level);
    String label = label(level);
    double[] q = quantiles.get(label);
    if (q != null) {
      return q;
    }
    String available = quantiles.isEmpty() ? "none" : String.join(", ", quantiles.keySet());
    String reason = refused.containsKey(label) ? refused.get(label) + "; " : "the " + label
        + "% interval was not calibrated for this model; ";
    throw new IntervalsUnavailableException(reason + "available levels: " + available);
  }

  /**
   * Intervals around forecasts on the original scale: {@code ŷ ± q·std}.
   *
   * @param forecast {@code [count ×] predLen × columns} values on the original scale, row-major
   * @param std the scaler's per-column standard deviation
   * @param levels levels in percent
   * @throws IntervalsUnavailableException if a level was not calibrated
   */
  public PredictionIntervals intervals(double[] forecast, double[] std, List<Double> levels) {
    int per = predLen * columns.size();
    if (forecast.length % per != 0 || std.length != columns.size()) {
      throw new IllegalArgumentException("forecast of " + forecast.length + " values, std of " + std.length
          + " for " + predLen + " steps × " + columns.size() + " columns");
    }
    int n = columns.size();
    Map<String, PredictionIntervals.Band> bands = new LinkedHashMap<>();
    for (double level : levels) {
      double[] q = widths(level);
      double[] lo = new double[forecast.length];
      double[] hi = new double[forecast.length];
      for (int i = 0; i < forecast.length; i++) {
        double h = q[i % per] * std[i % n];
        lo[i] = forecast[i] - h;
        hi[i] = forecast[i] + h;
        if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
          throw new IntervalsUnavailableException("the " + label(level) + "% interval of column '"
              + columns.get(i % n) + "' is not finite");
        }
      }
      bands.put(label(level), new PredictionIntervals.Band(lo, hi));
    }
    return new PredictionIntervals(bands);
  }

  // ------------------------------------------------------------------ files

  /** Writes {@value #FILE} into a model directory. */
  public void write(Path directory) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", "split-conformal, absolute residuals on the z-scored scale, per step and column");
    json.put("split", "validation");
    json.put("validationWindows", validationWindows);
    json.put("windows", windows);
    json.put("stride", stride);
    json.put("predLen", predLen);
    json.put("columns", columns);
    Map<String, Object> q = new LinkedHashMap<>();
    int n = columns.size();
    for (Map.Entry<String, double[]> e : quantiles.entrySet()) {
      double[][] rows = new double[predLen][];
      for (int s = 0; s < predLen; s++) {
        rows[s] = Arrays.copyOfRange(e.getValue(), s * n, (s + 1) * n);
      }
      q.put(e.getKey(), rows);
    }
    json.put("halfWidths", q);
    json.put("refused", refused);
    json.put("testCoverage", testCoverage);
    ModelFiles.JSON.writeValue(directory.resolve(FILE).toFile(), json);
  }

  /**
   * Reads {@value #FILE} of a model directory.
   *
   * @return empty when the file does not exist (a model saved before intervals existed)
   * @throws IOException if it is malformed or does not fit the model's steps and columns
   */
  public static Optional<ConformalCalibration> read(Path directory, int predLen, List<String> columns)
      throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode node = ModelFiles.JSON.readTree(file.toFile());
    int n = columns.size();
    int windows = node.path("windows").asInt(-1);
    if (windows < 1 || node.path("predLen").asInt(-1) != predLen
        || !columns.equals(ModelFiles.JSON.convertValue(node.path("columns"), List.class))) {
      throw new IOException(file + ": does not fit the model (" + predLen + " steps, columns " + columns + ")");
    }
    Map<String, double[]> quantiles = new LinkedHashMap<>();
    var it = node.path("halfWidths").fields();
    while (it.hasNext()) {
      var e = it.next();
      double[][] rows = ModelFiles.JSON.treeToValue(e.getValue(), double[][].class);
      double[] flat = new double[predLen * n];
      if (rows == null || rows.length != predLen) {
        throw new IOException(file + ": level " + e.getKey() + " needs " + predLen + " steps");
      }
      for (int s = 0; s < predLen; s++) {
        if (rows[s] == null || rows[s].length != n) {
          throw new IOException(file + ": level " + e.getKey() + ", step " + (s + 1) + " needs " + n + " columns");
        }
        for (int c = 0; c < n; c++) {
          if (!Double.isFinite(rows[s][c]) || rows[s][c] < 0) {
            throw new IOException(file + ": level " + e.getKey() + " has a bad half-width " + rows[s][c]);
          }
          flat[s * n + c] = rows[s][c];
        }
      }
      quantiles.put(e.getKey(), flat);
    }
    Map<String, String> refused = new LinkedHashMap<>();
    node.path("refused").fields().forEachRemaining(e -> refused.put(e.getKey(), e.getValue().asText()));
    Map<String, Double> testCoverage = new LinkedHashMap<>();
    node.path("testCoverage").fields().forEachRemaining(e -> testCoverage.put(e.getKey(), e.getValue().asDouble()));
    return Optional.of(new ConformalCalibration(predLen, columns, node.path("validationWindows").asInt(windows),
        windows, Math.max(1, node.path("stride").asInt(1)), quantiles, refused, testCoverage));
  }
}
