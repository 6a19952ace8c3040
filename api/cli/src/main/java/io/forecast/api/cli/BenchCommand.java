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
    subcommands = {BenchCommand.Load.class, BenchCommand.OrthoTrans.class, BenchCommand.TrainStep.class,
        BenchForwardCommand.class,
        BenchCommand.Http.class, BenchAttentionCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark name (load, orthotrans, train-step, forward, http)");
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
      double[][] etth1 = f.columns(0, rows);
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

  /**
   * {@code forecast bench train-step}: seconds per OLinear training iteration (forward, loss,
   * backward, Adam) with the rank-1 shortcut and with the literal flatten, measured in one run.
   */
  @Command(name = "train-step", mixinStandardHelpOptions = true,
      description = "Time OLinear training iterations (forward + weighted L1 + backward + Adam) on real windows, "
          + "with the rank-1 shortcut and with the literal flatten, alternating in one run; prints each median.")
  static final class TrainStep implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data/demo/ETTh1.csv", paramLabel = "FILE",
        description = "Data file (default: the bundled ETTh1).")
    java.nio.file.Path data;

    @Option(names = "--seq-len", defaultValue = "96") int seqLen;
    @Option(names = "--pred-len", defaultValue = "96") int predLen;
    @Option(names = "--preset", defaultValue = "paper") String preset;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch threads (default 2).") int threads;
    @Option(names = "--iterations", defaultValue = "50", description = "Timed iterations per round.") int iterations;
    @Option(names = "--warmup", defaultValue = "10", description = "Untimed iterations per round.") int warmup;
    @Option(names = "--rounds", defaultValue = "3", description = "Rounds, each timing both paths.") int rounds;
    @Option(names = "--shortcut-only", description = "Time the rank-1 shortcut path only (skip the literal flatten).")
    boolean shortcutOnly;
    @Option(names = "--phases", description = "Also report the median milliseconds of each phase of a shortcut "
        + "iteration (batch, forward, loss, backward, read, optimizer, free).") boolean phases;
    @Option(names = "--torch-trace", paramLabel = "FILE.json", description = "After the last round, run --traced "
        + "shortcut iterations under libtorch's profiler and write its Chrome trace (per-op times, shapes, memory) here.")
    java.nio.file.Path torchTrace;
    @Option(names = "--traced", defaultValue = "5", description = "Iterations traced with --torch-trace (default 5).")
    int traced;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (iterations < 1 || warmup < 0 || rounds < 1 || traced < 1) {
        throw new BadInputException("--iterations, --rounds and --traced must be at least 1, --warmup at least 0");
      }
      EngineThreads.configure(threads);
      io.forecast.data.TimeSeriesFrame frame = io.forecast.data.TimeSeriesCsvReader.read(data);
      var phaseTimes = phases ? new io.forecast.forecasting.training.StepPhases(rounds * iterations) : null;
      BenchPreset preset = BenchPreset.of(this.preset, frame, seqLen, predLen);
      var settings = preset.settings();
      var train = preset.series().windows(io.forecast.data.Split.TRAIN);
      List<Double> shortcut = new ArrayList<>();
      List<Double> literal = new ArrayList<>();
      long parameters = 0;
      for (int r = 0; r < rounds; r++) {
        for (boolean useShortcut : shortcutOnly ? new boolean[] {true} : new boolean[] {true, false}) {
          try (var model = preset.model(useShortcut)) {
            parameters = model.parameterCount();
            boolean last = r == rounds - 1 && useShortcut;
            double[] s = io.forecast.forecasting.olinear.TrainingStepBenchmark.run(model, train,
                settings.batchSize(), settings.learningRate(), warmup, iterations, settings.seed(),
                useShortcut ? phaseTimes : null, last ? torchTrace : null, traced);
            for (double v : s) {
              (useShortcut ? shortcut : literal).add(v);
            }
          }
        }
      }
      int perEpoch = (train.count() + settings.batchSize() - 1) / settings.batchSize();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("benchmark", "train-step");
      out.put("data", frame.source());
      out.put("seqLen", seqLen);
      out.put("predLen", predLen);
      out.put("preset", settings.preset());
      out.put("batchSize", settings.batchSize());
      out.put("parameters", parameters);
      out.put("threads", threads);
      out.put("iterationsTimedPerPath", shortcut.size());
      out.put("secondsPerIterationShortcutMedian", median(shortcut));
      if (!literal.isEmpty()) {
        out.put("secondsPerIterationLiteralMedian", median(literal));
        out.put("literalOverShortcut", median(literal) / median(shortcut));
      }
      out.put("iterationsPerEpoch", perEpoch);
      out.put("trainSecondsPerEpochEstimate", perEpoch * median(shortcut));
      if (phaseTimes != null) {
        out.put("iterationMillisMedian", phaseTimes.totalMillisMedian()[0]);
        out.put("iterationCpuMillisMedian", phaseTimes.totalMillisMedian()[1]);
        out.put("phaseMillisMedian", phaseTimes.medianMillis());
        out.put("phaseMillisMean", phaseTimes.meanMillis());
        out.put("phaseCpuMillisMedian", phaseTimes.medianCpuMillis());
        out.put("phaseCpuMillisMean", phaseTimes.meanCpuMillis());
      }
      if (torchTrace != null) {
        out.put("torchTrace", torchTrace.toString());
        out.put("tracedIterations", traced);
      }
      out.put("loadAverage", BenchForwardCommand.loadAverage());
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

  /**
   * {@code forecast bench http}: latency and throughput of {@code POST /api/v1/forecasts} against a
   * running {@code forecast serve}, at several client counts, with the server's RSS before and after.
   */
  @Command(name = "http", mixinStandardHelpOptions = true,
      description = "Load-test a running 'forecast serve' on loopback: for each client count, N POST /api/v1/forecasts "
          + "requests (the last seqLen rows of the file as JSON history) after a warm-up; prints p50, p90, p99, "
          + "throughput, errors, the server's own mean time per request (its Prometheus timer), and (with --pid) the "
          + "server's RSS before and after each level and the CPU milliseconds per request of server and load generator.")
  static final class Http implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "Server base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "Stored model id to forecast with.")
    String model;

    @Mixin DataOptions data;

    @Option(names = "--clients", defaultValue = "1,8,32", split = ",", paramLabel = "K[,K...]",
        description = "Concurrent clients per level (default 1,8,32).")
    List<Integer> clients;

    @Option(names = "--requests", defaultValue = "10000", paramLabel = "N", description = "Measured requests per level (default 10000).")
    int requests;

    @Option(names = "--warmup", defaultValue = "500", paramLabel = "N", description = "Unmeasured requests before each level (default 500).")
    int warmup;

    @Option(names = "--pid", paramLabel = "PID", description = "Server process id, to report its VmRSS before and after each level.")
    Long pid;

    @Option(names = "--max-seconds", defaultValue = "300", paramLabel = "S",
        description = "Stop a level after this many seconds even if not all requests were sent (default 300).")
    int maxSeconds;

    @Option(names = "--allow-remote", description = "Allow a non-loopback URL (refused by default).")
    boolean allowRemote;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (requests < 1 || warmup < 0 || maxSeconds < 1 || clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
        throw new BadInputException("--requests, --clients and --max-seconds must be at least 1, --warmup at least 0");
      }
      java.net.URI base;
      try {
        base = java.net.URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--url '" + url + "' is not a URL");
      }
      if (base.getHost() == null || !"http".equals(base.getScheme())) {
        throw new BadInputException("--url '" + url + "' must be http://HOST:PORT");
      }
      if (!allowRemote && !HttpLoad.isLoopback(base)) {
        throw new BadInputException("--url '" + url + "' is not a loopback address; pass --allow-remote to load it");
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .connectTimeout(java.time.Duration.ofSeconds(5)).build();
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      java.net.http.HttpResponse<String> described;
      try {
        described = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/models/" + model)).GET()
            .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new BadInputException("cannot reach " + base + ": " + e);
      }
      if (described.statusCode() != 200) {
        throw new BadInputException("GET /api/v1/models/" + model + " answered " + described.statusCode() + ": "
            + described.body());
      }
      com.fasterxml.jackson.databind.JsonNode card = json.readTree(described.body()).get("card");
      int seqLen = card.get("seqLen").asInt();
      TimeSeriesFrame frame = data.load();
      io.forecast.forecasting.service.History history = io.forecast.forecasting.service.History.ofFrame(frame, seqLen);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("modelId", model);
      body.put("timestamps", history.timestamps());
      body.put("columns", history.columns());
      byte[] bytes = json.writeValueAsBytes(body);
      java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/forecasts"))
          .header("Content-Type", "application/json")
          .timeout(java.time.Duration.ofSeconds(30))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
      java.net.http.HttpResponse<String> probe = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      if (probe.statusCode() != 200) {
        throw new BadInputException("POST /api/v1/forecasts answered " + probe.statusCode() + ": " + probe.body());
      }

      HttpLoad load = new HttpLoad(http, request);
      List<Map<String, Object>> levels = new ArrayList<>();
      java.time.Duration limit = java.time.Duration.ofSeconds(maxSeconds);
      for (int c : clients) {
        if (warmup > 0) {
          load.run(c, warmup, limit);
        }
        Double before = HttpLoad.rssMiB(pid);
        double[] serverBefore = HttpLoad.serverRequestTotals(http, base);
        Double serverCpuBefore = HttpLoad.cpuMillis(pid);
        Double clientCpuBefore = HttpLoad.cpuMillis(ProcessHandle.current().pid());
        Map<String, Object> level = load.run(c, requests, limit);
        Double clientCpuAfter = HttpLoad.cpuMillis(ProcessHandle.current().pid());
        Double serverCpuAfter = HttpLoad.cpuMillis(pid);
        HttpLoad.putCostSplit(level, serverBefore, HttpLoad.serverRequestTotals(http, base), serverCpuBefore,
            serverCpuAfter, clientCpuBefore, clientCpuAfter);
        level.put("rssBeforeMiB", before);
        level.put("rssAfterMiB", HttpLoad.rssMiB(pid));
        levels.add(level);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("benchmark", "http");
      out.put("url", base.toString());
      out.put("model", model);
      out.put("seqLen", seqLen);
      out.put("predLen", card.get("predLen").asInt());
      out.put("columns", card.get("columns").size());
      out.put("requestBytes", bytes.length);
      out.put("warmupPerLevel", warmup);
      out.put("levels", levels);
      out.put("serverPid", pid);
      out.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      out.put("javaVersion", System.getProperty("java.version"));
      JsonOutput.print(spec.commandLine().getOut(), out);
      return ForecastCli.OK;
    }
  }
}
