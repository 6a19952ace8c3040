package io.forecast.api.cli;

import io.forecast.forecasting.studies.cooccurrence.CooccurrenceCharts;
import io.forecast.forecasting.studies.cooccurrence.CooccurrenceResult;
import io.forecast.forecasting.studies.cooccurrence.CooccurrenceSettings;
import io.forecast.forecasting.studies.cooccurrence.CooccurrenceStudy;
import io.forecast.forecasting.studies.cooccurrence.Init;
import io.forecast.forecasting.studies.cooccurrence.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast study}: theory studies that reproduce a published training-dynamics claim. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = "Theory studies: train a small model on synthetic data and judge a paper's claims.",
    subcommands = {StudyCommand.Cooccurrence.class, StudySinksCommand.class})
public final class StudyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing study name (cooccurrence, sinks)");
  }

  /** {@code forecast study cooccurrence}: the word co-occurrence dynamics of Yang et al. (NeurIPS 2024). */
  @Command(name = "cooccurrence", mixinStandardHelpOptions = true,
      description = "Train the one-layer attention model of Yang et al. (NeurIPS 2024, eq. 1) by full-batch gradient "
          + "descent on 60 sequences whose label is +1 exactly when two target words co-occur, track the scores and "
          + "G values of Theorems 3.1-3.3, and write DIR/summary.json (settings, phase-1 end, final numbers, one "
          + "verdict per claim) and DIR/scores.svg, DIR/group-losses.svg, DIR/g-values.svg.")
  static final class Cooccurrence implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "30000", paramLabel = "N",
        description = "Full-batch gradient-descent steps (default 30000, the paper's).")
    int epochs;

    @Option(names = "--init", defaultValue = "kaiming", paramLabel = "NAME",
        description = "kaiming (std 1/sqrt(fan_in), default), small (0.01) or theory (1/sqrt(L*m), 1/sqrt(m1)).")
    String init;

    @Option(names = "--attention", defaultValue = "softmax", paramLabel = "NAME",
        description = "Attention operator from the registry (default softmax, the paper's; with exactly doubly "
            + "stochastic ones such as qr or qontot, F does not depend on W_Q and W_K).")
    String attention;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the data and weights (default 0).")
    long seed;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "X", description = "Learning rate (default 0.01).")
    double lr;

    @Option(names = "--m", defaultValue = "128", paramLabel = "M", description = "Rows of W_Q, W_K, W_V (default 128).")
    int m;

    @Option(names = "--m1", defaultValue = "256", paramLabel = "M1", description = "Rows of W (default 256).")
    int m1;

    @Option(names = "--progress-every", defaultValue = "1000", paramLabel = "N",
        description = "Report the loss on stderr every N epochs (default 1000; 0: never).")
    int progressEvery;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for summary.json and the plots.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      CooccurrenceSettings settings = settings();
      if (progressEvery < 0) {
        throw new BadInputException("--progress-every must be >= 0, got " + progressEvery);
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new BadInputException(out + " is a file; --out names the folder for summary.json and the plots");
      }
      Path summaryFile = out.resolve("summary.json");
      OutputPaths.createParent(summaryFile, "--out");
      PrintWriter err = spec.commandLine().getErr();
      CooccurrenceResult result = CooccurrenceStudy.run(settings, s -> report(err, s));
      try {
        Files.writeString(summaryFile, JsonOutput.text(result.summary()), StandardCharsets.UTF_8);
      } catch (java.nio.file.FileSystemException e) {
        throw OutputPaths.cannotWrite(summaryFile, e);
      }
      ChartFiles.write(out.resolve("scores.svg"), "--out", CooccurrenceCharts.scores(result), 900, 560);
      ChartFiles.write(out.resolve("group-losses.svg"), "--out", CooccurrenceCharts.groupLosses(result), 900, 560);
      ChartFiles.write(out.resolve("g-values.svg"), "--out", CooccurrenceCharts.gValues(result), 900, 560);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("phase1EndEpoch", result.phase1End() < 0 ? null : result.phase1End());
      json.put("finalLoss", result.last().loss());
      json.put("verdictsHeld", result.summary().get("verdictsHeld"));
      json.put("wallSeconds", result.seconds());
      json.put("files", List.of(summaryFile.toString(), out.resolve("scores.svg").toString(),
          out.resolve("group-losses.svg").toString(), out.resolve("g-values.svg").toString()));
      JsonOutput.print(spec.commandLine().getOut(), json);
      return ForecastCli.OK;
    }

    private CooccurrenceSettings settings() {
      if (epochs < 1) {
        throw new BadInputException("--epochs must be at least 1, got " + epochs);
      }
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new BadInputException("--lr must be a finite number > 0, got " + lr);
      }
      if (m < 1 || m1 < 1) {
        throw new BadInputException("--m and --m1 must be at least 1, got " + m + " and " + m1);
      }
      try {
        Init i = Init.parse(init);
        CooccurrenceSettings d = CooccurrenceSettings.defaults();
        return new CooccurrenceSettings(d.samples(), d.length(), d.dim(), m, m1, epochs, lr, i, attention, seed,
            d.denseUntil(), d.storeEvery());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }

    private void report(PrintWriter err, Snapshot s) {
      if (progressEvery > 0 && s.epoch() % progressEvery == 0) {
        err.println(String.format(Locale.ROOT, "epoch %d/%d: loss %.4g, accuracy %.3f, G = (%.3f, %.3f, %.3f)",
            s.epoch(), epochs, s.loss(), s.accuracy(), s.g()[0], s.g()[1], s.g()[2]));
        err.flush();
      }
    }
  }
}
