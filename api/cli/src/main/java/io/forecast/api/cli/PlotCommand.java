package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.plot.Chart;
import io.forecast.forecasting.plot.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast plot}: the last pred_len rows of a file forecast from the seq_len rows before them,
 * drawn with the actual values and the preceding history for one variate, as SVG or PNG.
 */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = "Forecast the last pred_len rows of a CSV file from the seq_len rows before them and draw history, "
        + "forecast and the actual values of one column as SVG or PNG (by the --out extension). Prints one JSON "
        + "summary with the window's error on that column.")
public final class PlotCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR|ID",
      description = "Model directory, or the id of a model in --store.")
  String model;

  @Option(names = "--store", defaultValue = "models", paramLabel = "DIR",
      description = "Model store used to resolve an id (default: $FORECAST_STORE, else ./models).")
  Path store;

  @Mixin DataOptions data;

  @Option(names = "--column", paramLabel = "NAME", description = "The column to draw (default: the model's target).")
  String column;

  @Option(names = "--history", paramLabel = "N", description = "History rows drawn before the origin (default: seq_len).")
  Integer history;

  @Option(names = "--out", required = true, paramLabel = "FILE.svg|FILE.png", description = "Image to write.")
  Path out;

  @Option(names = "--width", defaultValue = "900", paramLabel = "PX", description = "Width in pixels (default 900).")
  int width;

  @Option(names = "--height", defaultValue = "450", paramLabel = "PX", description = "Height in pixels (default 450).")
  int height;

  @Option(names = "--overwrite", description = "Replace an existing output file (default: refuse).")
  boolean overwrite;

  @Mixin ThreadsOption threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    boolean png = ChartFiles.isPng(out, "--out");
    if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
      throw new BadInputException("--width and --height must be 100 … 10000 pixels, got " + width + "×" + height);
    }
    if (history != null && history < 1) {
      throw new BadInputException("--history must be at least 1, got " + history);
    }
    OutputPaths.checkFile(out, overwrite, "--out");
    try (Forecaster f = ModelLoading.load(ModelLoading.resolve(model, store))) {
      ModelCard card = f.card();
      TimeSeriesFrame frame = data.load();
      io.forecast.forecasting.pipeline.ForecastPipeline.checkColumns(card, frame);
      io.forecast.data.PreparedSeries.requireNoNaN(frame);
      int c = ChartFiles.column(card, column, "--column");
      String col = card.columns().get(c);
      int rows = frame.rows();
      int need = card.seqLen() + card.predLen();
      if (rows < need) {
        throw new BadInputException(frame.source() + " has " + rows + " rows; a plot with actual values needs seq_len + "
            + "pred_len = " + need);
      }
      int origin = rows - card.predLen();
      int n = card.columns().size();
      double[] y = f.forecast(frame.values(origin - card.seqLen(), origin), card.seqLen());
      int shown = Math.min(history == null ? card.seqLen() : history, origin);
      double[] past = frame.column(c, origin - shown, origin);
      double[] actual = frame.column(c, origin, rows);
      double[] forecast = ChartFiles.column(y, n, c);
      double se = 0;
      double ae = 0;
      for (int k = 0; k < forecast.length; k++) {
        double e = forecast[k] - actual[k];
        se += e * e;
        ae += Math.abs(e);
      }
      String originText = frame.timestampFormat().format(frame.timestamp(origin - 1));
      Chart chart = Charts.forecast(card.type() + " on " + frame.source() + ": " + col + " after " + originText, col,
          past, forecast, actual, null, null, null);
      ChartFiles.write(out, "--out", chart, width, height);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("out", out.toString());
      json.put("format", png ? "png" : "svg");
      json.put("column", col);
      json.put("origin", originText);
      json.put("historyRows", shown);
      json.put("predLen", card.predLen());
      json.put("mse", se / forecast.length);
      json.put("mae", ae / forecast.length);
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }
}
