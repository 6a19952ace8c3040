package io.forecast.api.cli;

import io.forecast.data.PreparedSeries;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.bench.ForwardBenchmark;
import io.forecast.forecasting.olinear.OLinearModel;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast bench forward}: forward latency per call (median, p99) of a saved model or of an
 * untrained preset model, on the test windows of a file, with gradient recording off, as the REST
 * service and {@code forecast predict} call it.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Time the model's forward pass per call on real test windows (z-scored inputs, no autograd, no "
        + "dropout): for each batch size, warm-up calls, then timed calls; prints the median, p99, min and mean "
        + "milliseconds per call as JSON (or a Markdown table with --format markdown).")
public final class BenchForwardCommand implements Callable<Integer> {
  /** Exactly one model source. */
  static final class Source {
    @Option(names = "--model", paramLabel = "DIR", description = "Saved model directory (any model type).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "An untrained OLinear model of this preset (paper or fast) for the file and --pred-len.")
    String preset;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--data", defaultValue = "data/demo/ETTh1.csv", paramLabel = "FILE",
      description = "Data file whose test windows are forecast (default: the bundled ETTh1).")
  Path data;

  @Option(names = "--seq-len", defaultValue = "96", description = "Look-back for --preset (default 96).")
  int seqLen;

  @Option(names = "--pred-len", defaultValue = "96", description = "Horizon for --preset (default 96).")
  int predLen;

  @Option(names = "--batch", defaultValue = "1,32", split = ",", paramLabel = "B[,B...]",
      description = "Batch sizes (default 1,32).")
  List<Integer> batches;

  @Option(names = "--calls", defaultValue = "200", paramLabel = "N", description = "Timed calls per batch size (default 200).")
  int calls;

  @Option(names = "--warmup", defaultValue = "20", paramLabel = "N", description = "Untimed calls per batch size (default 20).")
  int warmup;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "K", description = "PyTorch threads (default 2).")
  int threads;

  @Option(names = "--format", defaultValue = "json", paramLabel = "json|markdown",
      description = "Output: one JSON object (default) or a Markdown table.")
  String format;

  @Option(names = "--torch-trace", paramLabel = "FILE.json", description = "After timing, run --traced calls at the "
      + "first batch size under libtorch's profiler and write its Chrome trace (per-op times and shapes) here.")
  Path torchTrace;

  @Option(names = "--traced", defaultValue = "20", paramLabel = "N", description = "Calls traced with --torch-trace (default 20).")
  int traced;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (calls < 1 || warmup < 0 || traced < 1 || batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
      throw new BadInputException("--batch sizes, --calls and --traced must be at least 1, --warmup at least 0");
    }
    if (!format.equals("json") && !format.equals("markdown")) {
      throw new BadInputException("--format must be json or markdown, got '" + format + "'");
    }
    EngineThreads.configure(threads);
    ForwardBenchmark.Options options = new ForwardBenchmark.Options(batches, warmup, calls);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "forward");
    out.put("loadAverageBefore", loadAverage());
    List<ForwardBenchmark.Row> rows;
    if (source.model != null) {
      try (FittedForecaster f = ModelLoading.load(source.model)) {
        TimeSeriesFrame frame = TimeSeriesCsvReader.read(data);
        ForecastPipeline.checkColumns(f.card(), frame);
        PreparedSeries series = PreparedSeries.prepare(frame, SplitRule.AUTO, f.card().seqLen(), f.card().predLen(),
            f.scaler());
        describe(out, "model", source.model.toString(), f.card().type(), frame, series, f.parameterCount());
        rows = ForwardBenchmark.run(f.model()::predict, series.windows(Split.TEST), options);
        trace(f.model()::predict, series);
      }
    } else {
      TimeSeriesFrame frame = TimeSeriesCsvReader.read(data);
      BenchPreset preset = BenchPreset.of(source.preset, frame, seqLen, predLen);
      try (OLinearModel model = preset.model(true)) {
        describe(out, "preset", preset.settings().preset(), "olinear", frame, preset.series(), model.parameterCount());
        rows = ForwardBenchmark.run(model::predict, preset.series().windows(Split.TEST), options);
        trace(model::predict, preset.series());
      }
    }
    out.put("threads", threads);
    out.put("warmupCalls", warmup);
    out.put("rows", rows);
    out.put("loadAverageAfter", loadAverage());
    out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    out.put("javaVersion", System.getProperty("java.version"));
    if (format.equals("markdown")) {
      spec.commandLine().getOut().print(ForwardBenchmark.markdown(rows));
      spec.commandLine().getOut().flush();
    } else {
      JsonOutput.print(spec.commandLine().getOut(), out);
    }
    return ForecastCli.OK;
  }

  /** With --torch-trace: {@code traced} more calls at the first batch size under libtorch's profiler. */
  private void trace(ForwardBenchmark.BatchForward forward, PreparedSeries series) {
    if (torchTrace == null) {
      return;
    }
    ForwardBenchmark.Options once = new ForwardBenchmark.Options(List.of(batches.get(0)), 0, traced);
    io.forecast.forecasting.bench.TorchProfile.trace(torchTrace,
        () -> ForwardBenchmark.run(forward, series.windows(Split.TEST), once));
  }

  private static void describe(Map<String, Object> out, String key, String value, String type, TimeSeriesFrame frame,
      PreparedSeries series, long parameters) {
    out.put(key, value);
    out.put("type", type);
    out.put("data", frame.source());
    out.put("seqLen", series.seqLen());
    out.put("predLen", series.predLen());
    out.put("variates", frame.columnCount());
    out.put("parameters", parameters);
    out.put("testWindows", series.windows(Split.TEST).count());
  }

  /** The 1-minute load average ({@code /proc/loadavg}), or {@code null} where there is none. */
  static Double loadAverage() {
    try {
      String line = java.nio.file.Files.readString(Path.of("/proc/loadavg"));
      return Double.valueOf(line.split("\\s+")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
