package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast train}: fits a model of any type on a CSV file and saves the model directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a model (--model-type, default olinear; './forecast types' lists the types and their "
        + "settings) on a CSV file (standard split, z-scored), with early stopping on the validation split where the "
        + "type trains; save the model directory atomically; print one JSON object with the test MSE and MAE "
        + "(z-scored scale, every test window). Progress on stderr: a bar on a terminal, otherwise one line per epoch.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Mixin ModelOptions model;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing model directory (default: refuse).")
  boolean overwrite;

  @Mixin ThreadsOption threads;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    TrainingSpec trainingSpec = model.spec(data.split);
    ForecastPipeline.check(trainingSpec);
    OutputPaths.checkModelDirectory(out, overwrite);
    TimeSeriesFrame frame = data.load();
    String sha = FileDigest.sha256(data.data);
    TrainingBar bar = new TrainingBar(noProgress, "train " + model.modelType + " " + frame.source() + " "
        + model.seqLen + "→" + model.predLen, spec.commandLine().getErr());
    TrainingContext context = new TrainingContext(model.seed(),
        threads.threads == null ? 0 : threads.threads, bar, null);
    FittedForecaster trained;
    try (bar) {
      trained = ForecastPipeline.train(frame, sha, trainingSpec, context);
    }
    try (FittedForecaster m = trained) {
      try {
        AtomicDirectory.write(out, overwrite, m::save);
      } catch (FileAlreadyExistsException e) {
        throw new BadInputException(out + " already exists; choose another --out or pass --overwrite");
      } catch (java.nio.file.FileSystemException e) {
        throw OutputPaths.cannotWrite(out, e);
      }
      JsonOutput.print(spec.commandLine().getOut(), summary(m, out));
    }
    return ForecastCli.OK;
  }

  static Map<String, Object> summary(FittedForecaster m, Path dir) {
    ModelProvenance p = m.provenance();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", dir.toString());
    json.put("type", m.card().type());
    json.put("data", p.data().file());
    json.put("seqLen", m.card().seqLen());
    json.put("predLen", m.card().predLen());
    json.put("parameters", m.parameterCount());
    json.put("seed", p.seed());
    json.put("settings", p.settings());
    json.put("epochsRun", p.curve().size());
    json.put("bestEpoch", p.bestEpoch());
    json.put("stopReason", p.stopReason());
    List<Double> seconds = new ArrayList<>();
    p.curve().forEach(e -> seconds.add(e.seconds()));
    json.put("secondsPerEpochMedian", seconds.isEmpty() ? null : BenchCommand.median(seconds));
    json.put("curve", p.curve());
    json.put("test", p.testMetrics());
    json.put("conformal", m.conformal().map(c -> c.describe()).orElse(null));
    return json;
  }
}
