package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.provenance.FileDigest;
import io.forecast.forecasting.variants.AttentionComparison;
import io.forecast.forecasting.variants.AttentionResults;
import io.forecast.forecasting.variants.Protocol;
import io.forecast.forecasting.variants.Variant;
import java.io.IOException;
import java.nio.file.Files;
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

/**
 * {@code forecast compare-attention}: attention variants of one model type on one file, Protocol A
 * (each trained from scratch) or B (softmax trained, each swapped in at inference), through
 * {@link AttentionComparison}; writes the run files, {@code results.json}, {@code results.md} and
 * {@code val-loss.svg}.
 */
@Command(
    name = "compare-attention",
    mixinStandardHelpOptions = true,
    description = "Compare attention variants of one model type on one CSV file (spec attention.md §8.3). Protocol A "
        + "trains the type once per variant and seed with the variant in its attention slot and every other setting "
        + "the same, and measures the attention diagnostics per layer on the first test windows; protocol B trains "
        + "it with softmax per seed and swaps each variant in at inference (no retraining): ΔMSE and per-layer "
        + "output error against softmax. Writes DIR/results.md, DIR/results.json, DIR/val-loss.svg and DIR/runs/ "
        + "(running the same command again resumes).")
public final class CompareAttentionCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--model", required = true, paramLabel = "TYPE",
      description = "Model type: itransformer or patchtst (variant in setting 'attention'), olinear (setting 'mixer').")
  String model;

  @Option(names = "--variants", required = true, paramLabel = "V,...", description = "Attention operators, "
      + "comma-separated, each NAME or NAME:KEY=VALUE[:KEY=VALUE] (e.g. softmax,sinkhorn:iterations=21,qr,qontot).")
  String variants;

  @Option(names = "--pred-len", required = true, paramLabel = "H", description = "Horizon.")
  int predLen;

  @Option(names = "--seq-len", defaultValue = "96", paramLabel = "N", description = "Input length (default 96).")
  int seqLen;

  @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
      description = "Seeds 2023, 2024, … (N of them; default 3).")
  int seeds;

  @Option(names = "--protocol", defaultValue = "A", paramLabel = "A|B",
      description = "A: train every variant from scratch (default); B: train softmax, swap the variants in at "
          + "inference (itransformer or patchtst).")
  String protocol;

  @Option(names = "--epochs", paramLabel = "N", description = "Setting epochs.")
  Integer epochs;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the type (repeatable), the same "
      + "for every variant.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--diagnostic-windows", defaultValue = "256", paramLabel = "N",
      description = "Protocol A: test windows probed for the diagnostics, the first ones (default 256 = 8 batches "
          + "of 32).")
  int diagnosticWindows;

  @Mixin ThreadsOption threads;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created; an "
      + "earlier call's run files in it are reused).")
  Path out;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<Variant> parsed = new ArrayList<>();
    for (String v : variants.split(",")) {
      if (!v.isBlank()) {
        parsed.add(Variant.parse(v));
      }
    }
    if (parsed.isEmpty()) {
      throw new BadInputException("--variants is empty; give a comma-separated list of attention operators");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + " is a file; --out names the output directory");
    }
    Map<String, Object> common = new LinkedHashMap<>();
    if (epochs != null) {
      common.put("epochs", epochs);
    }
    for (Map.Entry<String, String> e : set.entrySet()) {
      if (common.containsKey(e.getKey())) {
        throw new BadInputException("setting '" + e.getKey() + "' is given both as an option and as --set");
      }
      common.put(e.getKey(), e.getValue());
    }
    Protocol chosen = Protocol.parse(protocol);
    List<Long> seedList = CompareSpec.seeds(seeds);
    threads.configure();
    TimeSeriesFrame frame = data.load();
    AttentionComparison comparison = AttentionComparison.of(new AttentionComparison.Request(frame.source(),
        FileDigest.sha256(data.data), data.split, model, parsed, seqLen, predLen, seedList, common, chosen,
        diagnosticWindows));
    comparison.check(frame);
    AttentionResults results;
    try (CompareCommand.Bar bar = new CompareCommand.Bar("compare-attention", noProgress,
        spec.commandLine().getErr())) {
      results = comparison.run(frame, out, threads.threads == null ? 0 : threads.threads, bar);
    } catch (java.nio.file.FileSystemException e) {
      throw OutputPaths.cannotWrite(out, e);
    }
    JsonOutput.print(spec.commandLine().getOut(), summary(results));
    return ForecastCli.OK;
  }

  private Map<String, Object> summary(AttentionResults results) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("out", out.toString());
    json.put("results", out.resolve(AttentionResults.RESULTS_JSON).toString());
    json.put("table", out.resolve(AttentionResults.RESULTS_MD).toString());
    json.put("chart", out.resolve(AttentionResults.VAL_LOSS_SVG).toString());
    json.put("protocol", results.protocol());
    json.put("runs", results.grid().runs().size());
    json.put("trained", results.grid().trained());
    json.put("resumed", results.grid().resumed());
    json.put("failed", results.grid().failures().size());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AttentionResults.VariantSummary v : results.variants()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("variant", v.variant());
      row.put("runs", v.runs());
      row.put("mseMean", v.mseMean());
      row.put("mseStd", v.mseStd());
      row.put("maeMean", v.maeMean());
      row.put("maeStd", v.maeStd());
      if (v.error() != null) {
        row.put("error", v.error());
      }
      rows.add(row);
    }
    json.put("variants", rows);
    if (!results.swaps().isEmpty()) {
      List<Map<String, Object>> swaps = new ArrayList<>();
      for (AttentionResults.SwapSummary s : results.swaps()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("variant", s.variant());
        row.put("deltaMseMean", s.deltaMseMean());
        row.put("deltaMseStd", s.deltaMseStd());
        if (s.error() != null) {
          row.put("error", s.error());
        }
        swaps.add(row);
      }
      json.put("swaps", swaps);
    }
    return json;
  }
}
