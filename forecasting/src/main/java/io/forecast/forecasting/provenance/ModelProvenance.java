package io.forecast.forecasting.provenance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a trained model came from, in the spirit of Tribuo's {@code ModelProvenance}: immutable,
 * saved as {@code provenance.json} in every model directory, and enough to rerun the training.
 *
 * @param modelType the model type
 * @param data the training data
 * @param settings the effective model and training settings (preset after overrides)
 * @param seed the random seed
 * @param details type-specific facts of the fit (OLinear: how its OrthoTrans bases were obtained; read
 *     from {@code orthoTrans} in files written before model types were plugins)
 * @param libraries Java and library versions
 * @param trainingStarted ISO-8601 instant
 * @param trainingFinished ISO-8601 instant
 * @param curve one entry per completed epoch
 * @param bestEpoch the epoch whose weights were kept (1-based)
 * @param stopReason why training stopped
 * @param testMetrics metrics on the test split, z-scored scale, every window
 */
public record ModelProvenance(
    String modelType,
    DataProvenance data,
    Map<String, Object> settings,
    long seed,
    @com.fasterxml.jackson.annotation.JsonAlias("orthoTrans") Map<String, Object> details,
    Map<String, String> libraries,
    String trainingStarted,
    String trainingFinished,
    List<Epoch> curve,
    int bestEpoch,
    String stopReason,
    Metrics testMetrics) {

  public ModelProvenance {
    Objects.requireNonNull(modelType, "modelType");
    Objects.requireNonNull(data, "data");
    settings = frozen(settings == null ? Map.of() : settings);
    details = frozen(details == null ? Map.of() : details);
    libraries = frozen(libraries);
    curve = List.copyOf(curve);
  }

  private static <V> Map<String, V> frozen(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }

  /**
   * The training file and how it was cut.
   *
   * @param file file name
   * @param sha256 the file's SHA-256 (hex)
   * @param rows data rows
   * @param columns value columns
   * @param target target column
   * @param missingPolicy the missing-value policy it was loaded with
   * @param splitRule the resolved split rule
   * @param trainEnd first validation row
   * @param valEnd first test row
   * @param testEnd row after the last test row
   */
  public record DataProvenance(String file, String sha256, int rows, List<String> columns, String target,
      String missingPolicy, String splitRule, int trainEnd, int valEnd, int testEnd) {
    public DataProvenance {
      columns = List.copyOf(columns);
    }
  }

  /** One epoch of the training curve (weighted-L1 losses, learning rate, wall seconds). */
  public record Epoch(int epoch, double trainLoss, double valLoss, double learningRate, double seconds) {}

  /**
   * Forecast errors over every window of a split, on the z-scored scale.
   *
   * @param mse mean squared error over [windows, predLen, columns]
   * @param mae mean absolute error over the same
   * @param windows number of windows
   * @param perColumn per-column MSE, MAE and R² (same definitions as Tribuo's regression evaluation), by
   *     column name; empty when not computed
   * @param perStep per-horizon-step MSE and MAE over all windows and columns, in step order (1-based);
   *     empty when not recorded ({@code null} is read as empty, e.g. from an older {@code provenance.json})
   */
  public record Metrics(double mse, double mae, int windows, Map<String, ColumnMetrics> perColumn,
      List<StepMetrics> perStep) {
    public Metrics {
      perColumn = perColumn == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perColumn));
      perStep = perStep == null ? List.of() : List.copyOf(perStep);
    }

    /** The metrics without per-step figures ({@link #perStep()} is empty). */
    public Metrics(double mse, double mae, int windows, Map<String, ColumnMetrics> perColumn) {
      this(mse, mae, windows, perColumn, List.of());
    }
  }

  /**
   * One horizon step's errors over every window and column.
   *
   * @param step the horizon step, 1-based
   * @param mse mean squared error at that step
   * @param mae mean absolute error at that step
   */
  public record StepMetrics(int step, double mse, double mae) {}

  /** One column's errors. */
  public record ColumnMetrics(double mse, double mae, double r2) {}
}
