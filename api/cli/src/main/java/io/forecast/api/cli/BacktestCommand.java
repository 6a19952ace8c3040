package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.backtest.Backtest;
import io.forecast.forecasting.backtest.BacktestFold;
import io.forecast.forecasting.backtest.BacktestProgress;
import io.forecast.forecasting.backtest.BacktestResult;
import io.forecast.forecasting.backtest.BacktestSpec;
import io.forecast.forecasting.backtest.FoldPlan;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.plot.Charts;
import io.forecast.forecasting.provenance.FileDigest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
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

/** {@code forecast backtest}: a rolling-origin backtest of any model type on a CSV file. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = "Rolling-origin backtest of a model type on a CSV file: from each origin the model (refitted on the "
        + "rows before it, as the refit policy says: scaler and OrthoTrans basis included) forecasts every window "
        + "whose targets lie in the fold's horizon. Default: the file's test split cut into 5 folds, expanding "
        + "window, refit at every fold. Prints one JSON object: the folds (MSE, MAE, RMSE, MAPE, sMAPE, R² on the "
        + "z-scored and original scale, interval coverage), every fold pooled (overall, per column, per horizon step) "
        + "and the provenance. Progress on stderr, one line per fold.")
public final class BacktestCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Mixin ModelOptions model;

  @Mixin ThreadsOption threads;

  @Option(names = "--window", defaultValue = "expanding", paramLabel = "KIND",
      description = "expanding (every row before the origin; default) or sliding (the last --window-rows rows).")
  String window;

  @Option(names = "--window-rows", paramLabel = "N",
      description = "Training rows of a sliding window (default: the rows before the first origin).")
  Integer windowRows;

  @Option(names = "--first-origin", paramLabel = "ROW|TIME",
      description = "First forecast row: a 0-based data row, or a timestamp of the file (default: the first row of "
          + "the test split).")
  String firstOrigin;

  @Option(names = "--step", paramLabel = "N", description = "Rows between origins (default: the horizon).")
  Integer step;

  @Option(names = "--horizon", paramLabel = "N",
      description = "Forecast rows per fold, at least --pred-len (default: the range cut evenly into --folds).")
  Integer horizon;

  @Option(names = "--folds", paramLabel = "N",
      description = "The most folds (default 5 when neither --step nor --horizon is given, else all that fit).")
  Integer folds;

  @Option(names = "--refit-every", defaultValue = "1", paramLabel = "K",
      description = "Refit at every K-th fold (1: every fold, the default; 0: only the first).")
  int refitEvery;

  @Option(names = "--budget", paramLabel = "SECONDS",
      description = "Retraining budget: once the folds' training has taken this long, later folds reuse the last model.")
  Double budget;

  @Option(names = "--validation-fraction", defaultValue = "0.125", paramLabel = "F",
      description = "Share of each refit's rows held out (at their end) for early stopping and the interval "
          + "calibration, in (0, 0.5] (default 0.125, as the 7:1:2 split).")
  double validationFraction;

  @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png",
      description = "Also draw each fold's MSE and MAE over the origins (replaced if it exists).")
  Path plot;

  @Option(names = "--no-progress", description = "Do not report progress on stderr.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    if (plot != null) {
      ChartFiles.isPng(plot, "--plot");
    }
    TrainingSpec training = model.spec(data.split);
    ForecastPipeline.check(training);
    TimeSeriesFrame frame = data.load();
    BacktestSpec backtest = new BacktestSpec(training, window(), windowRows, origin(frame), step, horizon, folds,
        refitEvery, budget, validationFraction);
    String task = "backtest " + model.modelType + " " + frame.source() + " " + model.seqLen + "→" + model.predLen;
    TrainingContext context = new TrainingContext(model.seed(), threads.threads == null ? 0 : threads.threads,
        null, null);
    BacktestResult result;
    try (FoldLines progress = new FoldLines(noProgress, task, spec.commandLine().getErr())) {
      result = Backtest.run(frame, FileDigest.sha256(data.data), backtest, context, progress);
    }
    Map<String, Object> json = JsonOutput.toMap(result);
    if (plot != null) {
      ChartFiles.write(plot, "--plot", Charts.backtestErrors(task + ": error by fold origin", result), 900, 450);
      json.put("plot", plot.toString());
    }
    JsonOutput.print(spec.commandLine().getOut(), json);
    return ForecastCli.OK;
  }

  private FoldPlan.Window window() {
    return switch (window.trim().toLowerCase(Locale.ROOT)) {
      case "expanding" -> FoldPlan.Window.EXPANDING;
      case "sliding" -> FoldPlan.Window.SLIDING;
      default -> throw new BadInputException("--window must be expanding or sliding, got '" + window + "'");
    };
  }

  /** {@code --first-origin} as a row: digits are a row number, anything else a timestamp of the file. */
  private Integer origin(TimeSeriesFrame frame) {
    if (firstOrigin == null) {
      return null;
    }
    String text = firstOrigin.trim();
    if (text.matches("\\d{1,9}")) {
      int row = Integer.parseInt(text);
      if (row >= frame.rows()) {
        throw new BadInputException("--first-origin row " + row + " is past the last row of " + frame.source()
            + " (" + (frame.rows() - 1) + ")");
      }
      return row;
    }
    long t = frame.timestampFormat().tryParse(text);
    if (t == Long.MIN_VALUE) {
      throw new BadInputException("--first-origin '" + text + "' is neither a row number nor a timestamp in the "
          + "file's format (" + frame.timestampFormat().description() + ")");
    }
    int row = java.util.Arrays.binarySearch(frame.timestamps(), t);
    if (row < 0) {
      throw new BadInputException("--first-origin " + text + " is not a timestamp of " + frame.source());
    }
    return row;
  }

  /**
   * Fold progress on stderr: a bar over the folds on a terminal, otherwise one line per fold with its
   * errors.
   */
  private static final class FoldLines implements BacktestProgress, AutoCloseable {
    private final boolean off;
    private final String task;
    private final PrintWriter err;
    private ProgressBar bar;

    FoldLines(boolean off, String task, PrintWriter err) {
      this.off = off;
      this.task = task;
      this.err = err;
    }

    @Override
    public void planned(int folds) {
      if (!off && System.console() != null) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(folds).setStyle(ProgressBarStyle.ASCII)
            .setUnit(" fold", 1).continuousUpdate().build();
      }
    }

    @Override
    public void foldFinished(BacktestFold f, int folds) {
      String line = String.format(Locale.ROOT, "fold %d/%d origin %s (row %d)%s: MSE %.4f MAE %.4f (z-scored)%s",
          f.index() + 1, folds, f.originTime(), f.origin(),
          f.refitted() ? String.format(Locale.ROOT, ", refitted in %.1fs", f.trainingSeconds()) : "",
          f.zScored().mse(), f.zScored().mae(), coverage(f));
      if (bar != null) {
        bar.step();
        bar.setExtraMessage(line);
      } else if (!off) {
        err.println(task + ": " + line);
        err.flush();
      }
    }

    private static String coverage(BacktestFold f) {
      StringBuilder out = new StringBuilder();
      f.intervals().forEach((level, stats) -> out.append(String.format(Locale.ROOT, ", %s%% coverage %.3f", level,
          stats.coverage())));
      return out.toString();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
