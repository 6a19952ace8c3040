package io.forecast.api.cli;

import io.forecast.data.PreparedSeries;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.olinear.OLinearForecaster;
import io.forecast.forecasting.olinear.OLinearOverrides;
import io.forecast.forecasting.olinear.OLinearPresets;
import io.forecast.forecasting.olinear.OLinearSettings;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.provenance.FileDigest;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.training.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

/** {@code forecast train}: fits OLinear on a CSV file and saves the model directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train OLinear on a CSV file (standard split, z-scored), with early stopping on the validation "
        + "split; save the model directory atomically; print one JSON object with the test MSE and MAE "
        + "(z-scored scale, every test window). A progress bar on stderr shows each epoch.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", paramLabel = "N", description = "Horizon (default 96).")
  int predLen;

  @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
      description = "paper (the official per-dataset settings, by file name) or fast (small, CPU-friendly). Default fast.")
  String preset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing model directory (default: refuse).")
  boolean overwrite;

  @Option(names = "--epochs", paramLabel = "N", description = "Override the preset's maximum epochs.")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "S", description = "Override the preset's seed (default 2023).")
  Long seed;

  @Mixin ThreadsOption threads;

  @Option(names = "--lr", paramLabel = "X", description = "Override the initial learning rate.")
  Double learningRate;

  @Option(names = "--lradj", paramLabel = "NAME", description = "Override the schedule: type1, type3 or cosine.")
  String schedule;

  @Option(names = "--batch-size", paramLabel = "N", description = "Override the batch size.")
  Integer batchSize;

  @Option(names = "--patience", paramLabel = "N", description = "Override the early-stopping patience.")
  Integer patience;

  @Option(names = "--d-model", paramLabel = "N", description = "Override d_model (d_ff follows unless --d-ff is given).")
  Integer dModel;

  @Option(names = "--d-ff", paramLabel = "N", description = "Override d_ff.")
  Integer dFf;

  @Option(names = "--e-layers", paramLabel = "N", description = "Override the number of encoder layers.")
  Integer eLayers;

  @Option(names = "--embed-size", paramLabel = "D", description = "Override the dimension-extension size D.")
  Integer embedSize;

  @Option(names = "--dropout", paramLabel = "P", description = "Override the dropout probability.")
  Double dropout;

  @Option(names = "--q-ratio", paramLabel = "r",
      description = "Build Q from the first int(r·n) rows as the official files do (0.6 ETT, 0.7 others); default: the train split.")
  Double qRatio;

  @Option(names = "--literal-flatten", description = "Disable the exact rank-1 shortcut of the first linear layer.")
  boolean literalFlatten;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    PreparedSeries.checkLengths(seqLen, predLen);
    BadInputException.refuseExisting(out, overwrite);
    TimeSeriesFrame frame = data.load();
    OLinearSettings settings = settings(frame.source());
    PreparedSeries series = PreparedSeries.prepare(frame, data.split, seqLen, predLen);
    String sha = FileDigest.sha256(data.data);

    OLinearForecaster model;
    try (ProgressBar bar = noProgress ? null : new ProgressBarBuilder()
        .setTaskName("train " + frame.source() + " " + seqLen + "→" + predLen)
        .setInitialMax(settings.epochs())
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" epoch", 1)
        .continuousUpdate()
        .build()) {
      model = OLinearForecaster.fit(series, sha, settings, (epoch, train, val, lr, seconds) -> {
        if (bar != null) {
          bar.stepTo(epoch);
          bar.setExtraMessage(String.format(Locale.ROOT, "train %.4f val %.4f lr %.2e %.1fs", train, val, lr, seconds));
        }
      }, null);
    }
    try (OLinearForecaster m = model) {
      try {
        AtomicDirectory.write(out, overwrite, m::save);
      } catch (FileAlreadyExistsException e) {
        throw new BadInputException(out + " already exists; choose another --out or pass --overwrite");
      }
      JsonOutput.print(spec.commandLine().getOut(), summary(m, out));
    }
    return ForecastCli.OK;
  }

  private OLinearSettings settings(String file) {
    return new OLinearOverrides(epochs, seed, learningRate,
        schedule == null ? null : LearningRateSchedule.parse(schedule), batchSize, patience, dModel, dFf, eLayers,
        embedSize, dropout, qRatio, literalFlatten ? Boolean.FALSE : null)
        .applyTo(OLinearPresets.forName(preset, file, predLen));
  }

  static Map<String, Object> summary(OLinearForecaster m, Path dir) {
    ModelProvenance p = m.provenance();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", dir.toString());
    json.put("type", m.card().type());
    json.put("data", p.data().file());
    json.put("seqLen", m.card().seqLen());
    json.put("predLen", m.card().predLen());
    json.put("parameters", m.parameterCount());
    json.put("settings", p.settings());
    json.put("epochsRun", p.curve().size());
    json.put("bestEpoch", p.bestEpoch());
    json.put("stopReason", p.stopReason());
    List<Double> seconds = new ArrayList<>();
    p.curve().forEach(e -> seconds.add(e.seconds()));
    json.put("secondsPerEpochMedian", seconds.isEmpty() ? null : BenchCommand.median(seconds));
    json.put("curve", p.curve());
    json.put("test", p.testMetrics());
    return json;
  }
}
