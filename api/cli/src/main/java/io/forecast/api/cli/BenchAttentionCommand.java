package io.forecast.api.cli;

import ai.djl.ndarray.types.DataType;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.bench.OperatorBenchmark;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.nn.NativeEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast bench attention}: forward + backward time of every (or the chosen) attention
 * operator for a list of token counts, in one run; prints JSON and a Markdown table on stderr.
 */
@Command(name = "attention", mixinStandardHelpOptions = true,
    description = "Forward + backward seconds (median) and allocated bytes per attention operator and token count N, "
        + "d = --dim, batch × heads = --heads, float32; the slope of log time against log N per operator.")
final class BenchAttentionCommand implements Callable<Integer> {
  @Option(names = "--ops", split = ",", paramLabel = "NAME,...", description = "Operators (default: every registered one).")
  List<String> ops;

  @Option(names = "--tokens", split = ",", defaultValue = "8,16,64,256,1024,4096", paramLabel = "N,...",
      description = "Token counts (default 8,16,64,256,1024,4096).")
  List<Integer> tokens;

  @Option(names = "--dim", defaultValue = "64", paramLabel = "d", description = "Head dimension (default 64).")
  int dim;

  @Option(names = "--heads", defaultValue = "8", paramLabel = "BH", description = "Batch × heads (default 8).")
  int heads;

  @Option(names = "--warmup", defaultValue = "2", paramLabel = "K", description = "Untimed runs (default 2).")
  int warmup;

  @Option(names = "--runs", defaultValue = "5", paramLabel = "K", description = "Timed runs (default 5).")
  int runs;

  @Option(names = "--max-seconds", defaultValue = "20", paramLabel = "S",
      description = "Skip larger N for an operator once one run takes longer (default 20).")
  double maxSeconds;

  @Option(names = "--max-gib", defaultValue = "8", paramLabel = "G",
      description = "Skip larger N for an operator once its allocations, extrapolated from the last two N, would pass "
          + "G GiB (default 8; qr's autograd keeps O(N³) bytes).")
  double maxGib;

  @Option(names = "--set", paramLabel = "OP.KEY=VALUE", description = "An operator parameter, e.g. sinkhorn.iterations=3.")
  Map<String, String> set = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (dim < 1 || heads < 1 || runs < 1 || warmup < 0 || tokens.stream().anyMatch(n -> n < 1)) {
      throw new BadInputException("--dim, --heads, --runs and every --tokens value must be positive, --warmup "
          + "non-negative");
    }
    List<String> names = ops == null ? AttentionOperators.names() : ops;
    Map<String, AttentionOperator> operators = new LinkedHashMap<>();
    for (String name : names) {
      Map<String, Object> params = new LinkedHashMap<>();
      set.forEach((key, value) -> {
        int dot = key.indexOf('.');
        if (dot < 1) {
          throw new BadInputException("--set takes OP.KEY=VALUE, got '" + key + "=" + value + "'");
        }
        if (key.substring(0, dot).equals(name)) {
          params.put(key.substring(dot + 1), value);
        }
      });
      try {
        operators.put(name, AttentionOperators.create(name, params));
      } catch (InvalidOperatorParameterException e) {
        throw new BadInputException(e.getMessage());
      }
    }
    NativeEngine.get();
    List<Map<String, Object>> rows = new ArrayList<>();
    StringBuilder table = new StringBuilder("| operator | N | median s | min s | MiB allocated |\n|---|---|---|---|---|\n");
    Map<String, Object> slopes = new LinkedHashMap<>();
    for (Map.Entry<String, AttentionOperator> e : operators.entrySet()) {
      List<OperatorBenchmark.Result> results = new ArrayList<>();
      for (int n : tokens) {
        OperatorBenchmark.Result r;
        try {
          r = OperatorBenchmark.run(e.getValue(), n, dim, heads, DataType.FLOAT32, warmup, runs, 42);
        } catch (IllegalArgumentException unsupported) {
          rows.add(Map.of("operator", e.getKey(), "tokens", n, "skipped", unsupported.getMessage()));
          continue;
        }
        results.add(r);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("operator", r.operator());
        row.put("tokens", r.tokens());
        row.put("medianSeconds", r.medianSeconds());
        row.put("minSeconds", r.minSeconds());
        row.put("allocatedBytes", r.allocatedBytes());
        rows.add(row);
        table.append(String.format(Locale.ROOT, "| %s | %d | %.6f | %.6f | %.1f |%n", r.operator(), r.tokens(),
            r.medianSeconds(), r.minSeconds(), r.allocatedBytes() / 1048576.0));
        spec.commandLine().getErr().printf(Locale.ROOT, "bench attention: %s N=%d %.6f s%n", r.operator(), n,
            r.medianSeconds());
        spec.commandLine().getErr().flush();
        if (r.minSeconds() > maxSeconds) {
          break;
        }
        int next = tokens.indexOf(n) + 1 < tokens.size() ? tokens.get(tokens.indexOf(n) + 1) : -1;
        double projected = next < 0 ? 0 : projectedBytes(results, next);
        if (projected > maxGib * (1L << 30)) {
          rows.add(Map.of("operator", e.getKey(), "tokens", next, "skipped", String.format(Locale.ROOT,
              "projected allocations %.1f GiB > --max-gib %.1f", projected / (1L << 30), maxGib)));
          break;
        }
      }
      slopes.put(e.getKey(), OperatorBenchmark.slope(results.stream().filter(r -> r.tokens() >= 256).toList()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dim", dim);
    json.put("heads", heads);
    json.put("dtype", "float32");
    json.put("warmup", warmup);
    json.put("runs", runs);
    json.put("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
    json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    json.put("results", rows);
    json.put("slopeLogTimeLogN_fromN256", slopes);
    spec.commandLine().getErr().print(table);
    spec.commandLine().getErr().flush();
    JsonOutput.print(spec.commandLine().getOut(), json);
    return ForecastCli.OK;
  }

  /** Allocated bytes at {@code n} extrapolated on log axes from the last two results (linear in N from one). */
  static double projectedBytes(List<OperatorBenchmark.Result> results, int n) {
    OperatorBenchmark.Result last = results.get(results.size() - 1);
    double exponent = 1;
    if (results.size() >= 2) {
      OperatorBenchmark.Result prev = results.get(results.size() - 2);
      if (prev.allocatedBytes() > 0 && last.tokens() != prev.tokens()) {
        exponent = Math.max(1, Math.log((double) last.allocatedBytes() / prev.allocatedBytes())
            / Math.log((double) last.tokens() / prev.tokens()));
      }
    }
    return last.allocatedBytes() * Math.pow((double) n / last.tokens(), exponent);
  }
}
