package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.pipeline.Evaluation;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.provenance.FileDigest;
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
        + "one JSON object with MSE and MAE on the z-scored scale over every test window, per column and per horizon "
        + "step, and the provenance of the model and the data.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Mixin DataOptions data;

  @Mixin ThreadsOption threads;

  @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png",
      description = "Also draw the test MSE and MAE by horizon step (replaced if it exists).")
  Path plot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    if (plot != null) {
      ChartFiles.isPng(plot, "--plot");
    }
    try (Forecaster f = ModelLoading.load(model)) {
      TimeSeriesFrame frame = data.load();
      Evaluation e = ForecastPipeline.evaluate(f, frame, FileDigest.sha256(data.data), data.split);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", model.toString());
      json.put("type", f.card().type());
      json.put("data", frame.source());
      json.put("split", e.data().splitRule());
      json.put("seqLen", f.card().seqLen());
      json.put("predLen", f.card().predLen());
      json.put("predictSeconds", e.predictSeconds());
      json.put("test", e.metrics());
      json.put("provenance", Map.of("model", e.model(), "data", e.data(), "evaluatedAt", e.evaluatedAt()));
      if (plot != null) {
        ChartFiles.write(plot, "--plot", io.forecast.forecasting.plot.Charts.testErrorByStep(f.card().type() + " on "
            + frame.source() + ": test error by horizon step", e.metrics().perStep()), 900, 450);
        json.put("plot", plot.toString());
      }
      JsonOutput.print(spec.commandLine().getOut(), json);
    }
    return ForecastCli.OK;
  }
}
