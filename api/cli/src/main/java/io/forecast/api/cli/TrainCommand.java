package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import io.forecast.forecasting.provenance.ModelProvenance;
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

  @Option(names = "--model-type", defaultValue = "olinear", paramLabel = "TYPE",
      description = "Model type (default olinear): olinear, naive, seasonal-naive, mean, linear, nlinear, dlinear, "
          + "rlinear, or any type on the class path.")
  String modelType;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Any setting of the model type (repeatable), e.g. --set kernel=25 --set individual=true.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", paramLabel = "N", description = "Horizon (default 96).")
  int predLen;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing model directory (default: refuse).")
  boolean overwrite;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 2023).")
  Long seed;

  @Mixin ThreadsOption threads;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "olinear: paper (the official per-dataset settings, by file name) or fast (default).")
  String preset;

  @Option(names = "--epochs", paramLabel = "N", description = "Setting epochs: maximum epochs.")
  Integer epochs;

  @Option(names = "--lr", paramLabel = "X", description = "Setting learningRate: initial learning rate.")
  Double learningRate;

  @Option(names = "--lradj", paramLabel = "NAME", description = "Setting lradj: type1, type3 or cosine.")
  String schedule;

  @Option(names = "--batch-size", paramLabel = "N", description = "Setting batchSize.")
  Integer batchSize;

  @Option(names = "--patience", paramLabel = "N", description = "Setting patience: early-stopping patience.")
  Integer patience;

  @Option(names = "--d-model", paramLabel = "N", description = "olinear: d_model (d_ff follows unless --d-ff is given).")
  Integer dModel;

  @Option(names = "--d-ff", paramLabel = "N", description = "olinear: d_ff.")
  Integer dFf;

  @Option(names = "--e-layers", paramLabel = "N", description = "olinear: encoder layers.")
  Integer eLayers;

  @Option(names = "--embed-size", paramLabel = "D", description = "olinear: dimension-extension size D.")
  Integer embedSize;

  @Option(names = "--dropout", paramLabel = "P", description = "Setting dropout (olinear, rlinear).")
  Double dropout;

  @Option(names = "--q-ratio", paramLabel = "r",
      description = "olinear: build Q from the first int(r·n) rows as the official files do (0.6 ETT, 0.7 others); "
          + "default: the train split.")
  Double qRatio;

  @Option(names = "--literal-flatten", description = "olinear: disable the exact rank-1 shortcut of the first linear layer.")
  boolean literalFlatten;

  @Option(names = "--intervals", paramLabel = "LEVELS",
      description = "Levels in percent of the split-conformal prediction intervals to calibrate on the validation "
          + "split (default 80,95; 'none' for none).")
  String intervals;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.configure();
    TrainingSpec trainingSpec = new TrainingSpec(modelType, seqLen, predLen, data.split, settings(),
        intervals == null ? null : intervals.equals("none") ? List.of()
            : ConformalCalibration.parseLevels(intervals));
    ForecastPipeline.check(trainingSpec);
    OutputPaths.checkModelDirectory(out, overwrite);
    TimeSeriesFrame frame = data.load();
    String sha = FileDigest.sha256(data.data);
    Bar bar = new Bar(noProgress, "train " + modelType + " " + frame.source() + " " + seqLen + "→" + predLen,
        spec.commandLine().getErr());
    TrainingContext context = new TrainingContext(seed == null ? TrainingContext.DEFAULT_SEED : seed,
        threads.threads == null ? 0 : threads.threads, bar, null);
    FittedForecaster model;
    try (bar) {
      model = ForecastPipeline.train(frame, sha, trainingSpec, context);
    }
    try (FittedForecaster m = model) {
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

  /** The typed options and every {@code --set}, by setting name; a setting given twice is refused. */
  private Map<String, Object> settings() {
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("preset", preset);
    typed.put("epochs", epochs);
    typed.put("learningRate", learningRate);
    typed.put("lradj", schedule);
    typed.put("batchSize", batchSize);
    typed.put("patience", patience);
    typed.put("dModel", dModel);
    typed.put("dFf", dFf);
    typed.put("eLayers", eLayers);
    typed.put("embedSize", embedSize);
    typed.put("dropout", dropout);
    typed.put("qRatio", qRatio);
    typed.put("literalFlatten", literalFlatten ? Boolean.TRUE : null);
    Map<String, Object> all = new LinkedHashMap<>();
    typed.forEach((k, v) -> {
      if (v != null) {
        all.put(k, v);
      }
    });
    for (Map.Entry<String, String> e : set.entrySet()) {
      if (all.containsKey(e.getKey())) {
        throw new BadInputException("setting '" + e.getKey() + "' is given both as an option and as --set");
      }
      all.put(e.getKey(), e.getValue());
    }
    return all;
  }

  /**
   * Training progress on stderr, once the type announces its epoch budget (types without training
   * show none): a progress bar on a terminal; otherwise (a log file, a pipe, CI) one plain line per
   * epoch and one per phase after the epochs (the test evaluation), never a redrawn bar.
   */
  private static final class Bar implements TrainingProgress, AutoCloseable {
    private final boolean off;
    private final String task;
    private final boolean terminal = System.console() != null;
    private final java.io.PrintWriter err;
    private ProgressBar bar;
    private int maxEpochs;

    Bar(boolean off, String task, java.io.PrintWriter err) {
      this.off = off;
      this.task = task;
      this.err = err;
    }

    @Override
    public void trainingStarted(int epochs) {
      maxEpochs = epochs;
      if (!off && terminal && bar == null) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs).setStyle(ProgressBarStyle.ASCII)
            .setUnit(" epoch", 1).continuousUpdate().build();
      }
    }

    @Override
    public void epochFinished(int epoch, double train, double val, double lr, double seconds) {
      String numbers = String.format(Locale.ROOT, "train %.4f val %.4f lr %.2e %.1fs", train, val, lr, seconds);
      if (bar != null) {
        bar.stepTo(epoch);
        bar.setExtraMessage(numbers);
      } else if (!off) {
        err.println(task + ": epoch " + epoch + "/" + maxEpochs + " " + numbers);
        err.flush();
      }
    }

    @Override
    public void phaseFinished(String phase, double seconds) {
      String line = String.format(Locale.ROOT, "%s %.1fs", phase, seconds);
      if (bar != null) {
        bar.setExtraMessage(line);
      } else if (!off) {
        err.println(task + ": " + line);
        err.flush();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
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
