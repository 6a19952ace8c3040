package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.studies.sinks.Architecture;
import io.forecast.forecasting.studies.sinks.SinkVariant;
import io.forecast.forecasting.studies.sinks.SinksCharts;
import io.forecast.forecasting.studies.sinks.SinksResult;
import io.forecast.forecasting.studies.sinks.SinksSettings;
import io.forecast.forecasting.studies.sinks.SinksStudy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast study sinks}: sinks vs diagonal patterns as attention switches and anti-oversmoothing. */
@Command(name = "sinks", mixinStandardHelpOptions = true,
    description = "Sinks vs diagonal patterns (Sukenik et al.; spec attention.md §6): check on a constructed input "
        + "that attention-only softmax stacks contract the tokens towards rank one while a switched-off head (V2, "
        + "large logit) or a diagonal pattern (V3, large beta) keeps them; then train small encoders over patch "
        + "tokens of z-scored windows (attention-only, residual, residual-mlp stacks) with softmax, V1-V4 and "
        + "window attention on the file and on synthetic series, and report per layer the distance to rank one, "
        + "effective rank, cosine, Dirichlet energy and the sink, switch-off and diagonal masses. Writes "
        + "DIR/summary.json, DIR/report.md, DIR/constructed.svg and DIR/rank-one-<dataset>-<stack>.svg.")
final class StudySinksCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the summary, report and plots.")
  Path out;

  @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = "Training epochs per encoder (default 3).")
  int epochs;

  @Option(names = "--layers", defaultValue = "4", paramLabel = "L", description = "Attention layers (default 4).")
  int layers;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of weights and data (default 0).")
  long seed;

  @Option(names = "--variants", paramLabel = "V,...", split = ",",
      description = "Operators: softmax, v1 (sink-token), v2 (null-sink), v3 (diagonal-bias), v4 (switch), window "
          + "(default: all).")
  List<String> variants;

  @Option(names = "--architectures", paramLabel = "A,...", split = ",",
      description = "Stacks: attention-only, residual, residual-mlp (default: all three).")
  List<String> architectures;

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "T", description = "Window rows (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "24", paramLabel = "H", description = "Horizon (default 24).")
  int predLen;

  @Option(names = "--patch", defaultValue = "4", paramLabel = "P", description = "Rows per token (default 4: 24 tokens).")
  int patch;

  @Option(names = "--d-model", defaultValue = "16", paramLabel = "D", description = "Token width (default 16).")
  int dModel;

  @Option(names = "--heads", defaultValue = "2", paramLabel = "H", description = "Attention heads (default 2).")
  int heads;

  @Option(names = "--window", defaultValue = "2", paramLabel = "W",
      description = "Window attention sees keys with |i - j| <= W (default 2).")
  int window;

  @Option(names = "--logit", defaultValue = "0", paramLabel = "B",
      description = "Null / sink logit b of V1, V2, V4, per head and layer, at the start (default 0: the off-by-one "
          + "softmax).")
  double logit;

  @Option(names = "--diagonal", defaultValue = "0", paramLabel = "BETA",
      description = "Diagonal bias beta of V3, V4, per head and layer, at the start (default 0).")
  double diagonal;

  @Option(names = "--fixed", description = "Keep b and beta fixed at --logit and --diagonal (default: trained).")
  boolean fixed;

  @Option(names = "--max-train-windows", defaultValue = "2048", paramLabel = "N",
      description = "Train on the last N windows of the train split (default 2048).")
  int maxTrainWindows;

  @Option(names = "--test-windows", defaultValue = "256", paramLabel = "N",
      description = "Score and probe the first N test windows (default 256).")
  int testWindows;

  @Option(names = "--synthetic-rows", defaultValue = "4000", paramLabel = "N",
      description = "Rows of the synthetic series (default 4000; 0: the file only).")
  int syntheticRows;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SinksSettings settings = settings();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + " is a file; --out names the folder for summary.json, report.md and the plots");
    }
    TimeSeriesFrame frame = data.load();
    Path summaryFile = out.resolve("summary.json");
    OutputPaths.createParent(summaryFile, "--out");
    PrintWriter err = spec.commandLine().getErr();
    SinksResult result = SinksStudy.run(settings, frame, data.split, line -> {
      err.println(line);
      err.flush();
    });
    List<String> files = new ArrayList<>();
    write(summaryFile, JsonOutput.text(result.summary()), files);
    write(out.resolve("report.md"), result.markdown(), files);
    Path constructed = out.resolve("constructed.svg");
    ChartFiles.write(constructed, "--out", SinksCharts.constructed(result), 900, 560);
    files.add(constructed.toString());
    for (String ds : result.datasets()) {
      for (Architecture a : settings.architectures()) {
        Path svg = out.resolve("rank-one-" + ds.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + a.label() + ".svg");
        ChartFiles.write(svg, "--out", SinksCharts.rankOne(result, ds, a), 900, 560);
        files.add(svg.toString());
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("verdictsHeld", result.verdictsHeld());
    json.put("runs", result.runs().size());
    json.put("wallSeconds", result.seconds());
    json.put("files", files);
    JsonOutput.print(spec.commandLine().getOut(), json);
    return ForecastCli.OK;
  }

  private SinksSettings settings() {
    try {
      SinksSettings d = SinksSettings.defaults();
      return new SinksSettings(seqLen, predLen, patch, dModel, heads, d.dFf(), layers, epochs, d.batchSize(), d.lr(),
          seed, maxTrainWindows, testWindows, window, logit, diagonal, d.sinkValue(), !fixed, syntheticRows,
          variants == null ? d.variants() : parse(variants, SinkVariant::parse),
          architectures == null ? d.architectures() : parse(architectures, Architecture::parse));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private static <T> List<T> parse(List<String> names, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (String n : names) {
      out.add(parser.apply(n));
    }
    return out;
  }

  private static void write(Path file, String text, List<String> files) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OutputPaths.cannotWrite(file, e);
    }
    files.add(file.toString());
  }
}
