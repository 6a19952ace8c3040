package io.forecast.api.cli;

import io.forecast.data.PreparedSeries;
import io.forecast.data.Split;
import io.forecast.data.SlidingWindows;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.provenance.ModelProvenance;
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

/** {@code forecast evaluate}: scores a saved model on the test split of a file. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on the test split of a CSV file (scaled with the model's own scaler): "
        + "one JSON object with MSE and MAE on the z-scored scale over every test window, and per-column figures.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Mixin DataOptions data;

  @Mixin ThreadsOption threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    try (Forecaster f = ModelLoading.load(model)) {
      TimeSeriesFrame frame = data.load();
      if (!frame.columnNames().equals(f.card().columns())) {
        throw new BadInputException(frame.source() + " has columns " + frame.columnNames()
            + " but the model was trained on " + f.card().columns());
      }
      PreparedSeries series = PreparedSeries.prepare(frame, data.split, f.card().seqLen(), f.card().predLen(), f.scaler());
      SlidingWindows test = series.windows(Split.TEST);
      long t0 = System.nanoTime();
      float[] predictions = f.predictScaled(test);
      double seconds = (System.nanoTime() - t0) / 1e9;
      ModelProvenance.Metrics metrics = ForecastEvaluator.evaluate(predictions, test, frame.columnNames(), true);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", model.toString());
      json.put("data", frame.source());
      json.put("split", series.boundaries().rule().label());
      json.put("seqLen", f.card().seqLen());
      json.put("predLen", f.card().predLen());
      json.put("predictSeconds", seconds);
      json.put("test", metrics);
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }
}
