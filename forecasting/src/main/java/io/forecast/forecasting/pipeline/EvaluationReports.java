package io.forecast.forecasting.pipeline;

import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalLevelMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.metrics.PointMetrics;
import io.forecast.forecasting.persist.DurableFiles;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Renders an {@link Evaluation} report: JSON (Jackson, the record as it is) and Markdown (a header
 * with the model's and the data's provenance, then an overall table on both scales, a per-column
 * table, a per-step table and, when the model has intervals, a coverage table per level), and writes
 * both into a folder.
 */
public final class EvaluationReports {
  /** The JSON report's file name in a report folder. */
  public static final String JSON_FILE = "evaluation.json";
  /** The Markdown report's file name in a report folder. */
  public static final String MARKDOWN_FILE = "evaluation.md";
  /** Horizons up to this many steps get every step in the per-step table. */
  static final int ALL_STEPS = 12;
  /** Evenly spaced inner steps shown for longer horizons, besides the first and the last. */
  static final int INNER_STEPS = 8;

  private EvaluationReports() {}

  /** The report as indented JSON. */
  public static String json(Evaluation report) {
    try {
      return ModelFiles.JSON.writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the evaluation report: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@value #JSON_FILE} and {@value #MARKDOWN_FILE} into a folder, creating it (and its
   * parents) when missing and replacing existing files (each written atomically).
   *
   * @return the two files written
   * @throws IOException if the folder cannot be created or a file cannot be written
   */
  public static List<Path> write(Evaluation report, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path json = directory.resolve(JSON_FILE);
    Path markdown = directory.resolve(MARKDOWN_FILE);
    DurableFiles.writeAtomically(json, (json(report) + "\n").getBytes(StandardCharsets.UTF_8));
    DurableFiles.writeAtomically(markdown, markdown(report).getBytes(StandardCharsets.UTF_8));
    return List.of(json, markdown);
  }

  /**
   * The horizon steps (1-based) of the per-step table: every step up to {@value #ALL_STEPS} steps,
   * else the first, {@value #INNER_STEPS} evenly spaced ones and the last.
   */
  static List<Integer> shownSteps(int predLen) {
    TreeSet<Integer> steps = new TreeSet<>();
    if (predLen <= ALL_STEPS) {
      for (int t = 1; t <= predLen; t++) {
        steps.add(t);
      }
    } else {
      steps.add(1);
      for (int i = 1; i <= INNER_STEPS; i++) {
        steps.add((int) Math.round(1 + i * (predLen - 1) / (double) (INNER_STEPS + 1)));
      }
      steps.add(predLen);
    }
    return List.copyOf(steps);
  }

  /** The report as Markdown. */
  public static String markdown(Evaluation report) {
    StringBuilder md = new StringBuilder();
    ModelProvenance model = report.model();
    DataProvenance data = report.data();
    ForecastMetrics m = report.forecastMetrics();
    md.append("# Evaluation of a ").append(model.modelType()).append(" model on ").append(cell(data.file()))
        .append("\n\n");
    md.append("## Provenance\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "model type", model.modelType());
    row(md, "horizon (steps)", Integer.toString(m.predLen()));
    row(md, "trained on", data(model.data()));
    row(md, "trained", model.trainingStarted() + " – " + model.trainingFinished() + ", seed " + model.seed()
        + ", best epoch " + model.bestEpoch() + (model.stopReason() == null ? "" : " (" + model.stopReason() + ")"));
    row(md, "evaluated on", data(data));
    row(md, "split", data.splitRule() + ": train rows [0, " + data.trainEnd() + "), validation [" + data.trainEnd()
        + ", " + data.valEnd() + "), test [" + data.valEnd() + ", " + data.testEnd() + ")");
    row(md, "test windows", Long.toString(m.windows()));
    row(md, "seasonal period (MASE)", report.seasonalPeriod() == null
        ? "none: " + report.notes().getOrDefault("mase", "not computed") : Integer.toString(report.seasonalPeriod()));
    row(md, "evaluated at", report.evaluatedAt());
    StringBuilder libs = new StringBuilder();
    report.libraries().forEach((k, v) -> libs.append(libs.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    row(md, "libraries", libs.toString());
    md.append('\n');

    md.append("## Overall\n\n");
    md.append("| metric | z-scored | original |\n|---|---:|---:|\n");
    PointMetrics z = m.zScored().overall();
    PointMetrics o = m.original().overall();
    md.append("| MSE | ").append(num(z.mse())).append(" | ").append(num(o.mse())).append(" |\n");
    md.append("| MAE | ").append(num(z.mae())).append(" | ").append(num(o.mae())).append(" |\n");
    md.append("| RMSE | ").append(num(z.rmse())).append(" | ").append(num(o.rmse())).append(" |\n");
    md.append("| MAPE | ").append(num(z.mape())).append(" | ").append(num(o.mape())).append(" |\n");
    md.append("| sMAPE | ").append(num(z.smape())).append(" | ").append(num(o.smape())).append(" |\n");
    md.append("| MASE | ").append(num(z.mase())).append(" | ").append(num(o.mase())).append(" |\n");
    md.append("| R² | ").append(num(z.r2())).append(" | ").append(num(o.r2())).append(" |\n\n");

    md.append("## Per column\n\n");
    md.append("MSE and MAE on both scales; RMSE, MAPE and sMAPE on the original scale; MASE and R² are the same on "
        + "both.\n\n");
    md.append("| column | MSE (z) | MAE (z) | MSE | MAE | RMSE | MAPE | sMAPE | MASE | R² |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String column : m.columns()) {
      md.append("| ").append(cell(column)).append(" | ");
      md.append(pointRow(m.zScored().byColumn().get(column), m.original().byColumn().get(column))).append('\n');
    }
    md.append('\n');

    md.append("## Per horizon step\n\n");
    List<Integer> steps = shownSteps(m.predLen());
    md.append(steps.size() == m.predLen() ? "Every step.\n\n"
        : "Steps 1 and " + m.predLen() + " and " + (steps.size() - 2) + " evenly spaced steps between them, of "
            + m.predLen() + " (every step is in the JSON report).\n\n");
    md.append("| step | MSE (z) | MAE (z) | MSE | MAE | RMSE | MAPE | sMAPE | MASE | R² |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int step : steps) {
      md.append("| ").append(step).append(" | ");
      md.append(pointRow(m.zScored().byStep().get(step - 1), m.original().byStep().get(step - 1))).append('\n');
    }
    md.append('\n');

    md.append("## Prediction intervals\n\n");
    IntervalMetrics intervals = report.intervals();
    if (intervals == null) {
      md.append("None: ").append(report.notes().getOrDefault("intervals", "the model has no intervals"))
          .append(".\n\n");
    } else {
      md.append("Split-conformal intervals of the model, on the test windows. Width and score on the original "
          + "scale are in each column's units; overall they mix columns.\n\n");
      md.append("| level | coverage | width (z) | interval score (z) | width | interval score |\n");
      md.append("|---:|---:|---:|---:|---:|---:|\n");
      for (int k = 0; k < intervals.zScored().size(); k++) {
        IntervalLevelMetrics lz = intervals.zScored().get(k);
        IntervalLevelMetrics lo = intervals.original().get(k);
        md.append("| ").append(percent(lz.level())).append(" | ").append(percent(lz.overall().coverage()))
            .append(" | ").append(num(lz.overall().meanWidth())).append(" | ")
            .append(num(lz.overall().intervalScore())).append(" | ").append(num(lo.overall().meanWidth()))
            .append(" | ").append(num(lo.overall().intervalScore())).append(" |\n");
      }
      md.append("\nCoverage per column:\n\n| column |");
      StringBuilder rule = new StringBuilder("|---|");
      for (IntervalLevelMetrics level : intervals.zScored()) {
        md.append(' ').append(percent(level.level())).append(" |");
        rule.append("---:|");
      }
      md.append('\n').append(rule).append('\n');
      for (String column : intervals.columns()) {
        md.append("| ").append(cell(column)).append(" |");
        for (IntervalLevelMetrics level : intervals.zScored()) {
          md.append(' ').append(percent(level.byColumn().get(column).coverage())).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    if (!report.notes().isEmpty()) {
      md.append("## Notes\n\n");
      report.notes().forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
      md.append('\n');
    }
    md.append("## Definitions\n\n");
    report.definitions().forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
    return md.toString();
  }

  private static String pointRow(PointMetrics z, PointMetrics o) {
    return num(z.mse()) + " | " + num(z.mae()) + " | " + num(o.mse()) + " | " + num(o.mae()) + " | " + num(o.rmse())
        + " | " + num(o.mape()) + " | " + num(o.smape()) + " | " + num(o.mase()) + " | " + num(o.r2()) + " |";
  }

  private static String data(DataProvenance d) {
    return cell(d.file()) + " (" + d.rows() + " rows, SHA-256 " + d.sha256() + ")";
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
  }

  /** Text safe inside a table cell: pipes escaped, line breaks as spaces. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }

  /** A metric with five significant digits; an absent one as "–". */
  static String num(Double value) {
    if (value == null) {
      return "–";
    }
    double v = value;
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    return a >= 1e-4 && a < 1e6 ? String.format(Locale.ROOT, "%.5g", v) : String.format(Locale.ROOT, "%.4e", v);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }
}
