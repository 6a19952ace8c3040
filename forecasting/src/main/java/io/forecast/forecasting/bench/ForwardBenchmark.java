package io.forecast.forecasting.bench;

import io.forecast.data.SlidingWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Forward latency of a model per call: for each batch size, {@code warmup} untimed calls, then
 * {@code calls} timed calls of {@code predict(input, batch)} on consecutive real windows (cycling
 * through the given windows), each input staged before its call so that only the call is timed.
 * Reports the median, the 99th percentile (nearest rank), the minimum and the mean per call, and the
 * median CPU time of the calling thread per call (with one PyTorch thread every op runs on it, so this
 * is the work per call, nearly independent of other load on the machine).
 */
public final class ForwardBenchmark {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private ForwardBenchmark() {}

  /** The call being timed: {@code batch × T × N} z-scored inputs in, {@code batch × τ × N} forecasts out. */
  @FunctionalInterface
  public interface BatchForward {
    /** Forecasts {@code batch} histories. */
    float[] predict(float[] input, int batch);
  }

  /**
   * Settings.
   *
   * @param batches batch sizes to time, in order (each at least 1)
   * @param warmup untimed calls per batch size ({@code >= 0})
   * @param calls timed calls per batch size ({@code >= 1})
   */
  public record Options(List<Integer> batches, int warmup, int calls) {
    public Options {
      Objects.requireNonNull(batches, "batches");
      batches = List.copyOf(batches);
      if (batches.isEmpty() || batches.stream().anyMatch(b -> b == null || b < 1)) {
        throw new IllegalArgumentException("batch sizes must be at least 1, got " + batches);
      }
      if (warmup < 0 || calls < 1) {
        throw new IllegalArgumentException("need warmup >= 0 and calls >= 1, got " + warmup + " and " + calls);
      }
    }
  }

  /**
   * The timings of one batch size.
   *
   * @param batch windows per call
   * @param calls timed calls
   * @param warmup untimed calls before timing
   * @param medianMillis median per call
   * @param p99Millis 99th percentile per call (nearest rank)
   * @param minMillis fastest call
   * @param meanMillis mean per call
   * @param windowsPerSecond {@code batch / median}
   * @param cpuMedianMillis median CPU time of the calling thread per call
   * @param millis every timed call, in order (ms)
   */
  public record Row(int batch, int calls, int warmup, double medianMillis, double p99Millis, double minMillis,
      double meanMillis, double windowsPerSecond, double cpuMedianMillis, List<Double> millis) {
    public Row {
      millis = List.copyOf(millis);
      if (millis.size() != calls) {
        throw new IllegalArgumentException(calls + " calls but " + millis.size() + " times");
      }
    }
  }

  /**
   * Times {@code forward} on {@code windows} (their inputs, z-scored as the windows hold them).
   *
   * @throws IllegalArgumentException if there are no windows
   */
  public static List<Row> run(BatchForward forward, SlidingWindows windows, Options options) {
    Objects.requireNonNull(forward, "forward");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(options, "options");
    if (windows.count() < 1) {
      throw new IllegalArgumentException("no windows to forecast");
    }
    int perWindow = windows.seqLen() * windows.columns();
    int outWindow = windows.predLen() * windows.columns();
    List<Row> rows = new ArrayList<>();
    int next = 0;
    for (int batch : options.batches()) {
      float[] input = new float[Math.multiplyExact(batch, perWindow)];
      double[] millis = new double[options.calls()];
      double[] cpu = new double[options.calls()];
      for (int call = 0; call < options.warmup() + options.calls(); call++) {
        for (int k = 0; k < batch; k++) {
          windows.copyInput(next, input, k * perWindow);
          next = (next + 1) % windows.count();
        }
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        float[] out = forward.predict(input, batch);
        long elapsed = System.nanoTime() - t0;
        long cpuElapsed = THREADS.getCurrentThreadCpuTime() - c0;
        if (out.length != batch * outWindow) {
          throw new IllegalStateException("the model returned " + out.length + " values for a batch of " + batch
              + ", expected " + (batch * outWindow));
        }
        if (call >= options.warmup()) {
          millis[call - options.warmup()] = elapsed / 1e6;
          cpu[call - options.warmup()] = cpuElapsed / 1e6;
        }
      }
      rows.add(row(batch, options.warmup(), millis, cpu));
    }
    return rows;
  }

  static Row row(int batch, int warmup, double[] millis, double[] cpu) {
    double[] cpuSorted = cpu.clone();
    Arrays.sort(cpuSorted);
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    double median = median(sorted);
    double mean = Arrays.stream(millis).sum() / millis.length;
    List<Double> all = Arrays.stream(millis).boxed().toList();
    return new Row(batch, millis.length, warmup, median, percentile(sorted, 0.99), sorted[0], mean,
        batch / (median / 1e3), median(cpuSorted), all);
  }

  /** Median of sorted values. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Nearest-rank percentile {@code q ∈ (0, 1]} of sorted values: the value at rank ⌈q·n⌉. */
  static double percentile(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
  }

  /** The rows as a Markdown table (milliseconds per call). */
  public static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder("| batch | calls | median ms | p99 ms | min ms | mean ms | windows/s | CPU ms (median) |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(java.util.Locale.ROOT, "| %d | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %.3f |%n",
          r.batch(), r.calls(), r.medianMillis(), r.p99Millis(), r.minMillis(), r.meanMillis(), r.windowsPerSecond(),
          r.cpuMedianMillis()));
    }
    return sb.toString();
  }
}
