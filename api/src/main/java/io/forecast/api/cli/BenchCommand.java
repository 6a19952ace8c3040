package io.forecast.api.cli;

import io.forecast.data.TimeSeriesFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forecast bench}: benchmarks that print their figures as JSON (never part of the test suite). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks. Each prints one JSON object with every measured figure and the median.",
    subcommands = {BenchCommand.Load.class, BenchCommand.OrthoTrans.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark name (load, orthotrans)");
  }

  /** {@code forecast bench load}: wall time of loading a CSV file, after warm-up loads. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Time loading a CSV (Tablesaw parse + conversion + quality report): warm-up loads, "
          + "then measured loads; prints each time and the median in milliseconds.")
  static final class Load implements Callable<Integer> {
    @Mixin DataOptions data;

    @Option(names = "--repeat", defaultValue = "5", description = "Measured loads (default 5).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured warm-up loads (default 3).")
    int warmup;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (repeat < 1 || warmup < 0) {
        throw new BadInputException("--repeat must be at least 1 and --warmup at least 0");
      }
      TimeSeriesFrame frame = null;
      for (int i = 0; i < warmup; i++) {
        frame = data.load();
      }
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        frame = data.load();
        millis.add((System.nanoTime() - t0) / 1e6);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("benchmark", "load");
      out.put("file", frame.source());
      out.put("rows", frame.rows());
      out.put("columns", frame.columnCount());
      out.put("warmupLoads", warmup);
      out.put("loadMillis", millis);
      out.put("medianMillis", median(millis));
      out.put("minMillis", millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
      out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      out.put("javaVersion", System.getProperty("java.version"));
      JsonOutput.print(spec.commandLine().getOut(), out);
      return ForecastCli.OK;
    }
  }

  /**
   * {@code forecast bench orthotrans}: the sliding-sum OrthoTrans build against the naive oracle, in
   * one run: ETTh1's training split at L = 96, 336, 720 and a synthetic ECL-sized input (321 × 18,412)
   * at L = 96, 720.
   */
  @Command(name = "orthotrans", mixinStandardHelpOptions = true,
      description = "Time the OrthoTrans build (sliding sums vs the naive O(L²·M) oracle) on ETTh1's training "
          + "split at L = 96, 336, 720 and on a synthetic ECL-sized input (321 variates × 18,412 rows) at L = 96, 720.")
  static final class OrthoTrans implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "ETTh1.csv", description = "ETTh1 file (default: the bundled demo copy).",
        defaultValue = "data/demo/ETTh1.csv")
    java.nio.file.Path data;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed sliding builds per case (median reported).")
    int repeat;

    @Option(names = "--naive-budget", defaultValue = "60", paramLabel = "SECONDS",
        description = "Largest estimated naive run; beyond it the naive time is extrapolated from a subset of variates.")
    double naiveBudget;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (repeat < 1) {
        throw new BadInputException("--repeat must be at least 1");
      }
      io.forecast.data.TimeSeriesFrame f = io.forecast.data.TimeSeriesCsvReader.read(data);
      int rows = io.forecast.forecasting.orthotrans.OrthoTransBenchmark.ETTH1_TRAIN_ROWS;
      if (f.rows() < rows) {
        throw new BadInputException(f.source() + " has " + f.rows() + " rows; the ETTh1 case needs " + rows);
      }
      double[][] etth1 = new double[f.columnCount()][];
      for (int c = 0; c < etth1.length; c++) {
        etth1[c] = f.column(c, 0, rows);
      }
      var base = io.forecast.forecasting.orthotrans.OrthoTransBenchmark.Options.defaults();
      var options = new io.forecast.forecasting.orthotrans.OrthoTransBenchmark.Options(
          base.warmups(), repeat, naiveBudget, base.naiveOpsPerSecondPerCore());
      var result = io.forecast.forecasting.orthotrans.OrthoTransBenchmark.run(etth1, options);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("benchmark", "orthotrans");
      out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      out.put("rows", result);
      out.put("table", io.forecast.forecasting.orthotrans.OrthoTransBenchmark.format(result).lines().toList());
      JsonOutput.print(spec.commandLine().getOut(), out);
      return ForecastCli.OK;
    }
  }

  /** Median of a non-empty list. */
  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
