package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.pipeline.Evaluation;
import io.forecast.forecasting.pipeline.EvaluationReports;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.provenance.FileDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast evaluate}: scores a saved model on the test split of a file. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on the test split of a CSV file (scaled with the model's own scaler): "
        + "one JSON object with MSE and MAE on the z-scored scale over every test window, per column and per horizon "
        + "step (test), MSE, MAE, RMSE, MAPE, sMAPE, MASE and R² on the z-scored and the original scale (metrics), "
        + "the coverage, width and interval score of the model's prediction intervals (intervals, when it has "
        + "them), and the provenance of the model and the data.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Mixin DataOptions data;

  @Mixin ThreadsOption threads;

  @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png",
      description = "Also draw the test MSE and MAE by horizon step (replaced if it exists).")
  Path plot;

  @Option(names = "--season", paramLabel = "N",
      description = "Seasonal period of the MASE scale, in rows (default: from the sampling step, 24 for hourly "
          + "data; without one MASE is absent).")
  Integer season;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write the evaluation report as DIR/evaluation.json and DIR/evaluation.md (DIR is "
          + "created; existing files are replaced).")
  Path report;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    if (plot != null) {
      ChartFiles.isPng(plot, "--plot");
    }
    if (season != null && (season < 1 || season > ForecastPipeline.MAX_LENGTH)) {
      throw new BadInputException("--season must be between 1 and " + ForecastPipeline.MAX_LENGTH + ", got " + season);
    }
    if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
      throw new BadInputException("--report " + report + " is a file; --report names the folder to write "
          + EvaluationReports.JSON_FILE + " and " + EvaluationReports.MARKDOWN_FILE + " into");
    }
    try (Forecaster f = ModelLoading.load(model)) {
      TimeSeriesFrame frame = data.load();
      Evaluation e = ForecastPipeline.evaluate(f, frame, FileDigest.sha256(data.data), data.split, season);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", model.toString());
      json.put("type", f.card().type());
      json.put("data", frame.source());
      json.put("split", e.data().splitRule());
      json.put("seqLen", f.card().seqLen());
      json.put("predLen", f.card().predLen());
      json.put("predictSeconds", e.predictSeconds());
      json.put("test", e.metrics());
      json.put("metrics", e.forecastMetrics());
      if (e.intervals() != null) {
        json.put("intervals", e.intervals());
      }
      if (!e.notes().isEmpty()) {
        json.put("notes", e.notes());
      }
      json.put("provenance", Map.of("model", e.model(), "data", e.data(), "evaluatedAt", e.evaluatedAt()));
      if (plot != null) {
        ChartFiles.write(plot, "--plot", io.forecast.forecasting.plot.Charts.testErrorByStep(f.card().type() + " on "
            + frame.source() + ": test error by horizon step", e.metrics().perStep()), 900, 450);
        json.put("plot", plot.toString());
      }
      if (report != null) {
        writeReport(e);
        json.put("report", report.toString());
      }
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }

  private void writeReport(Evaluation e) {
    try {
      EvaluationReports.write(e, report);
    } catch (IOException | java.io.UncheckedIOException ex) {
      throw new BadInputException("--report " + report + ": cannot write the report: " + ex.getMessage());
    }
  }
}
