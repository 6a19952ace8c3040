package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.compare.CompareProgress;
import io.forecast.forecasting.compare.CompareResults;
import io.forecast.forecasting.compare.CompareRunner;
import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.compare.RunResult;
import io.forecast.forecasting.compare.RunSpec;
import io.forecast.forecasting.plot.Charts;
import io.forecast.forecasting.provenance.FileDigest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast compare}: a resumable grid of model types × horizons × seeds on one file, through
 * {@link CompareRunner}; writes the run files, {@code results.json}, {@code results.md} and charts.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Train every model type at every horizon and seed on one CSV file (the same pipeline as 'train'; "
        + "no model directories are kept) and compare their test errors: DIR/results.json, DIR/results.md (MSE and "
        + "MAE mean ± std over the seeds), DIR/mse-by-horizon.svg and DIR/error-by-step-H.svg. Each finished run is "
        + "kept in DIR/runs/, so running the same command again resumes where it stopped.")
public final class CompareCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--models", required = true, paramLabel = "TYPES",
      description = "Model types, comma-separated, e.g. olinear,dlinear,rlinear,seasonal-naive,naive.")
  String models;

  @Option(names = "--pred-len", required = true, paramLabel = "H,...", description = "Horizons, comma-separated, "
      + "e.g. 96,192,336,720.")
  String horizons;

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @ArgGroup(exclusive = true)
  Seeds seeds;

  /** {@code --seeds N} or {@code --seed-list}, not both. */
  static final class Seeds {
    @Option(names = "--seeds", paramLabel = "N", description = "Seeds 2023, 2024, … (N of them; default 1).")
    Integer count;

    @Option(names = "--seed-list", paramLabel = "S,...", split = ",", description = "The seeds, comma-separated.")
    List<Long> list;
  }

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Setting preset, for the types that have it (olinear: fast or paper).")
  String preset;

  @Option(names = "--epochs", paramLabel = "N", description = "Setting epochs, for the types that train.")
  Integer epochs;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting (repeatable), given to every type "
      + "of the grid that has it; a name none of them has is refused.")
  Map<String, String> set = new LinkedHashMap<>();

  @Mixin ThreadsOption threads;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created; an "
      + "earlier grid's run files in it are reused).")
  Path out;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<String> types = list(models, "--models");
    List<Integer> lengths = new ArrayList<>();
    for (String h : list(horizons, "--pred-len")) {
      try {
        lengths.add(Integer.parseInt(h));
      } catch (NumberFormatException e) {
        throw new BadInputException("--pred-len: '" + h + "' is not a whole number");
      }
    }
    List<Long> seedList = seeds == null || seeds.count == null && seeds.list == null ? CompareSpec.seeds(1)
        : seeds.list != null ? seeds.list : CompareSpec.seeds(seeds.count);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + " is a file; --out names the output directory");
    }
    threads.configure();
    TimeSeriesFrame frame = data.load();
    CompareSpec grid = CompareSpec.of(frame.source(), FileDigest.sha256(data.data), data.split, types, lengths, seqLen,
        seedList, settings());
    CompareResults results;
    try (Bar bar = new Bar("compare", noProgress, spec.commandLine().getErr())) {
      results = CompareRunner.run(grid, frame, out, threads.threads == null ? 0 : threads.threads, bar);
    } catch (java.nio.file.FileSystemException e) {
      throw OutputPaths.cannotWrite(out, e);
    }
    List<String> charts = charts(results);
    JsonOutput.print(spec.commandLine().getOut(), summary(results, charts));
    return ForecastCli.OK;
  }

  /** The comma-separated entries, trimmed; blank entries dropped; none is bad input. */
  private static List<String> list(String text, String option) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    if (out.isEmpty()) {
      throw new BadInputException(option + " is empty; give a comma-separated list");
    }
    return out;
  }

  private Map<String, Object> settings() {
    Map<String, Object> all = new LinkedHashMap<>();
    if (preset != null) {
      all.put("preset", preset);
    }
    if (epochs != null) {
      all.put("epochs", epochs);
    }
    for (Map.Entry<String, String> e : set.entrySet()) {
      if (all.containsKey(e.getKey())) {
        throw new BadInputException("setting '" + e.getKey() + "' is given both as an option and as --set");
      }
      all.put(e.getKey(), e.getValue());
    }
    return all;
  }

  /** mse-by-horizon.svg and one error-by-step-H.svg per horizon with a successful run. */
  private List<String> charts(CompareResults results) throws IOException {
    CompareSpec grid = results.spec();
    List<String> written = new ArrayList<>();
    Map<String, double[]> byModel = new LinkedHashMap<>();
    for (String m : grid.models()) {
      double[] v = grid.horizons().stream().mapToDouble(h -> {
        Double mean = results.cell(m, h).mseMean();
        return mean == null ? Double.NaN : mean;
      }).toArray();
      byModel.put(m, v);
    }
    Path main = out.resolve("mse-by-horizon.svg");
    ChartFiles.write(main, "--out", Charts.metricByHorizon("Test MSE by horizon, " + grid.dataFile() + ", seq_len "
        + grid.seqLen(), "test MSE (z-scored), mean over seeds", grid.horizons(), byModel), 900, 500);
    written.add(main.toString());
    for (int h : grid.horizons()) {
      Map<String, double[]> perStep = new LinkedHashMap<>();
      for (String m : grid.models()) {
        List<Double> steps = results.cell(m, h).perStepMse();
        if (!steps.isEmpty()) {
          perStep.put(m, steps.stream().mapToDouble(Double::doubleValue).toArray());
        }
      }
      if (!perStep.isEmpty()) {
        Path chart = out.resolve("error-by-step-" + h + ".svg");
        ChartFiles.write(chart, "--out", Charts.errorByHorizon("Test MSE by horizon step, H=" + h + ", "
            + grid.dataFile(), "test MSE (z-scored), mean over seeds", perStep), 900, 500);
        written.add(chart.toString());
      }
    }
    return written;
  }

  private Map<String, Object> summary(CompareResults results, List<String> charts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("out", out.toString());
    json.put("results", out.resolve(CompareRunner.RESULTS_JSON).toString());
    json.put("table", out.resolve(CompareRunner.RESULTS_MD).toString());
    json.put("charts", charts);
    json.put("runs", results.runs().size());
    json.put("trained", results.trained());
    json.put("resumed", results.resumed());
    json.put("failed", results.failures().size());
    List<Map<String, Object>> cells = new ArrayList<>();
    for (CompareResults.Cell c : results.cells()) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("model", c.model());
      cell.put("predLen", c.predLen());
      cell.put("runs", c.runs());
      cell.put("mseMean", c.mseMean());
      cell.put("mseStd", c.mseStd());
      cell.put("maeMean", c.maeMean());
      cell.put("maeStd", c.maeStd());
      cells.add(cell);
    }
    json.put("byModelAndHorizon", cells);
    json.put("averageOverHorizons", results.averages());
    return json;
  }

  /**
   * Grid progress on stderr: a bar counting runs on a terminal (resumed runs advance it at once),
   * otherwise one plain line per run; nothing with {@code --no-progress}. Shared with
   * {@code compare-attention}.
   */
  static final class Bar implements CompareProgress, AutoCloseable {
    private final String task;
    private final boolean off;
    private final boolean terminal = System.console() != null;
    private final PrintWriter err;
    private ProgressBar bar;
    private int total;
    private int finished;

    Bar(String task, boolean off, PrintWriter err) {
      this.task = task;
      this.off = off;
      this.err = err;
    }

    @Override
    public void gridStarted(int runs, int resumed) {
      total = runs;
      if (!off && terminal) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(runs).setStyle(ProgressBarStyle.ASCII)
            .setUnit(" run", 1).continuousUpdate().build();
      } else if (!off && resumed > 0) {
        line(resumed + " of " + runs + " runs resumed from earlier run files");
      }
    }

    @Override
    public TrainingProgress runStarted(RunSpec run) {
      String name = name(run);
      if (bar != null) {
        bar.setExtraMessage(name);
      }
      return (epoch, train, val, lr, seconds) -> {
        if (bar != null) {
          bar.setExtraMessage(String.format(Locale.ROOT, "%s epoch %d val %.4f", name, epoch, val));
        }
      };
    }

    @Override
    public void runFinished(RunResult result, boolean resumed) {
      finished++;
      if (bar != null) {
        bar.step();
      } else if (!off && !resumed) {
        line(String.format(Locale.ROOT, "run %d/%d %s: %s (%.1f s)", finished, total, name(result.spec()),
            result.ok() ? String.format(Locale.ROOT, "test MSE %.4f MAE %.4f", result.testMse(), result.testMae())
                : "failed: " + result.error(), result.wallSeconds()));
      }
    }

    private static String name(RunSpec run) {
      return run.entry() + " " + run.seqLen() + "→" + run.predLen() + " seed " + run.seed();
    }

    private void line(String text) {
      err.println(task + ": " + text);
      err.flush();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
