package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.conformal.PredictionIntervals;
import io.forecast.forecasting.pipeline.BatchForecast;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast forecast}: batch forecasts from a saved model over a CSV file, written as CSV. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Forecast the pred_len rows after the last seq_len rows of a CSV file (or, with --rolling, from "
        + "every origin stepping back from the end by --stride rows) and write a CSV: origin, timestamp, step, "
        + "then one column per variate on the original scale; with --intervals, then <column>_lo<L> and "
        + "<column>_hi<L> per level L and variate. Prints one JSON summary.")
public final class ForecastCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR|ID",
      description = "Model directory, or the id of a model in --store.")
  String model;

  @Option(names = "--store", defaultValue = "models", paramLabel = "DIR",
      description = "Model store used to resolve an id (default: $FORECAST_STORE, else ./models).")
  Path store;

  @Mixin DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing output file (default: refuse).")
  boolean overwrite;

  @Option(names = "--rolling", description = "Forecast from every origin, stepping back from the end by --stride rows.")
  boolean rolling;

  @Option(names = "--stride", paramLabel = "N", description = "Rows between rolling origins (default: pred_len).")
  Integer stride;

  @Option(names = "--intervals", paramLabel = "LEVELS",
      description = "Add split-conformal prediction intervals at these levels in percent, e.g. 80,95 (calibrated "
          + "at training time on the validation split; columns <column>_lo<L>,<column>_hi<L>).")
  String intervals;

  @Mixin ThreadsOption threads;

  @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png",
      description = "Also draw the forecast from the last origin for one column (--plot-column, default the target): "
          + "the seq_len rows before it, the forecast, and the widest --intervals band.")
  Path plot;

  @Option(names = "--plot-column", paramLabel = "NAME", description = "Column of --plot (default: the model's target).")
  String plotColumn;

  @Option(names = "--no-progress", description = "Do not draw the progress bar of a rolling run.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    OutputPaths.checkFile(out, overwrite, "--out");
    if (stride != null && stride < 1) {
      throw new BadInputException("--stride must be at least 1, got " + stride);
    }
    List<Double> levels = intervals == null ? List.of() : ConformalCalibration.parseLevels(intervals);
    if (plot != null) {
      ChartFiles.isPng(plot, "--plot");
    }
    try (Forecaster f = ModelLoading.load(ModelLoading.resolve(model, store))) {
      ModelCard card = f.card();
      int plotIndex = plot == null ? -1 : ChartFiles.column(card, plotColumn, "--plot-column");
      if (!levels.isEmpty()) {
        f.checkIntervals(levels); // before any output: names the available levels
      }
      TimeSeriesFrame frame = data.load();
      io.forecast.forecasting.pipeline.ForecastPipeline.checkColumns(card, frame);
      io.forecast.data.PreparedSeries.requireNoNaN(frame);
      int rows = frame.rows();
      if (rows < card.seqLen()) {
        throw new BadInputException(frame.source() + " has " + rows + " rows; the model needs at least seq_len = "
            + card.seqLen());
      }
      long step = BatchForecast.step(card, frame);
      List<Integer> origins = origins(rows, card.seqLen(), rolling ? (stride == null ? card.predLen() : stride) : 0);
      int n = card.columns().size();
      Path temp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
      OutputPaths.createParent(out, "--out"); // as train --out does
      try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
          ProgressBar bar = !rolling || noProgress ? null : new ProgressBarBuilder()
              .setTaskName("forecast").setInitialMax(origins.size()).setStyle(ProgressBarStyle.ASCII)
              .setUnit(" origins", 1).build()) {
        w.write("origin,timestamp,step");
        for (String c : BatchForecast.valueColumns(card, levels)) {
          w.write(',');
          w.write(csvField(c));
        }
        w.write('\n');
        for (int origin : origins) {
          BatchForecast.AtOrigin at = BatchForecast.at(f, frame, origin, step, levels);
          for (int k = 0; k < card.predLen(); k++) {
            w.write(at.originTimestamp());
            w.write(',');
            w.write(at.timestamps().get(k));
            w.write(',');
            w.write(Integer.toString(k + 1));
            for (double v : BatchForecast.row(at, k, n)) {
              w.write(',');
              w.write(Double.toString(v));
            }
            w.write('\n');
          }
          if (bar != null) {
            bar.step();
          }
        }
      } catch (java.nio.file.FileSystemException e) {
        Files.deleteIfExists(temp);
        throw OutputPaths.cannotWrite(out, e);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      try {
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileSystemException e) {
        Files.deleteIfExists(temp);
        throw OutputPaths.cannotWrite(out, e);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", model);
      json.put("data", frame.source());
      json.put("out", out.toString());
      json.put("origins", origins.size());
      json.put("rowsWritten", (long) origins.size() * card.predLen());
      json.put("firstOrigin", frame.formatTimestamp(origins.get(0) - 1));
      json.put("lastOrigin", frame.formatTimestamp(origins.get(origins.size() - 1) - 1));
      json.put("frequencySeconds", step);
      if (!levels.isEmpty()) {
        json.put("intervals", levels.stream().map(ConformalCalibration::label).toList());
      }
      if (plot != null) {
        plotLastOrigin(f, frame, plotIndex, levels);
        json.put("plot", plot.toString());
      }
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }

  /** Origins (rows after each history), ascending, aligned so that the last one is {@code rows}. */
  /** Draws the forecast from the end of the file: history, forecast and the widest requested band. */
  private void plotLastOrigin(Forecaster f, TimeSeriesFrame frame, int c, List<Double> levels) throws IOException {
    ModelCard card = f.card();
    int rows = frame.rows();
    int n = card.columns().size();
    double[] y = f.forecast(frame.values(rows - card.seqLen(), rows), card.seqLen());
    double[] forecast = ChartFiles.column(y, n, c);
    double[] lower = null;
    double[] upper = null;
    String widest = null;
    if (!levels.isEmpty()) {
      double level = levels.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      PredictionIntervals.Band band = f.intervals(y, List.of(level)).bands().values().iterator().next();
      lower = ChartFiles.column(band.lower(), n, c);
      upper = ChartFiles.column(band.upper(), n, c);
      widest = ConformalCalibration.label(level);
    }
    String col = card.columns().get(c);
    io.forecast.forecasting.plot.Chart chart = io.forecast.forecasting.plot.Charts.forecast(card.type() + " on "
        + frame.source() + ": " + col + " after " + frame.formatTimestamp(rows - 1), col,
        frame.column(c, rows - card.seqLen(), rows), forecast, null, lower, upper, widest);
    ChartFiles.write(plot, "--plot", chart, 900, 450);
  }

  static List<Integer> origins(int rows, int seqLen, int stride) {
    return BatchForecast.origins(rows, seqLen, stride);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
