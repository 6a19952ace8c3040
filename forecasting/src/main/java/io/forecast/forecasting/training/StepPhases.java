package io.forecast.forecasting.training;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wall time and CPU time of the calling thread for each phase of training iterations ({@link
 * Trainer#step}), for profiling: one row of nanoseconds per recorded iteration. With one PyTorch
 * thread every op runs on the calling thread, so its CPU time is the work done, nearly independent
 * of other load on the machine. Timing only; it changes nothing the step computes. Not thread-safe.
 */
public final class StepPhases {
  /** The phases of one iteration, in order. */
  public enum Phase {
    /** Staging the batch's inputs and targets into native arrays. */
    BATCH,
    /** The model's forward pass (graph recorded). */
    FORWARD,
    /** The loss on the forecast. */
    LOSS,
    /** Back-propagation. */
    BACKWARD,
    /** Reading the loss value back to Java (and closing the gradient collector). */
    READ,
    /** The optimiser's update. */
    OPTIMIZER,
    /** Freeing the iteration's native arrays (closing its manager). */
    FREE
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final long[][] nanos;
  private final long[][] cpuNanos;
  private int recorded;
  private long last;
  private long lastCpu;
  private final long[] current = new long[Phase.values().length];
  private final long[] currentCpu = new long[Phase.values().length];

  /** Room for {@code iterations} iterations. */
  public StepPhases(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    this.nanos = new long[iterations][];
    this.cpuNanos = new long[iterations][];
  }

  /** Starts an iteration. */
  void start() {
    Arrays.fill(current, 0);
    Arrays.fill(currentCpu, 0);
    last = System.nanoTime();
    lastCpu = THREADS.getCurrentThreadCpuTime();
  }

  /** Ends phase {@code phase} now. */
  void end(Phase phase) {
    long now = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    current[phase.ordinal()] += now - last;
    currentCpu[phase.ordinal()] += cpu - lastCpu;
    last = now;
    lastCpu = cpu;
  }

  /** Ends the iteration (ignored once the room is full). */
  void finish() {
    if (recorded < nanos.length) {
      cpuNanos[recorded] = currentCpu.clone();
      nanos[recorded++] = current.clone();
    }
  }

  /** Iterations recorded. */
  public int recorded() {
    return recorded;
  }

  /** Discards what was recorded (e.g. warm-up iterations). */
  public void clear() {
    recorded = 0;
  }

  /** Median wall milliseconds of each phase over the recorded iterations, in phase order. */
  public Map<Phase, Double> medianMillis() {
    return median(nanos);
  }

  /** Median CPU milliseconds of the calling thread in each phase, in phase order. */
  public Map<Phase, Double> medianCpuMillis() {
    return median(cpuNanos);
  }

  /** Median over the recorded iterations of the whole iteration's wall and CPU milliseconds: {@code {wall, cpu}}. */
  public double[] totalMillisMedian() {
    return new double[] {totalMedian(nanos), totalMedian(cpuNanos)};
  }

  private double totalMedian(long[][] nanos) {
    if (recorded == 0) {
      return Double.NaN;
    }
    double[] v = new double[recorded];
    for (int i = 0; i < recorded; i++) {
      v[i] = Arrays.stream(nanos[i]).sum() / 1e6;
    }
    Arrays.sort(v);
    return recorded % 2 == 1 ? v[recorded / 2] : (v[recorded / 2 - 1] + v[recorded / 2]) / 2;
  }

  private Map<Phase, Double> median(long[][] nanos) {
    Map<Phase, Double> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      double[] v = new double[recorded];
      for (int i = 0; i < recorded; i++) {
        v[i] = nanos[i][p.ordinal()] / 1e6;
      }
      Arrays.sort(v);
      out.put(p, recorded == 0 ? Double.NaN
          : recorded % 2 == 1 ? v[recorded / 2] : (v[recorded / 2 - 1] + v[recorded / 2]) / 2);
    }
    return out;
  }

  /** Mean wall milliseconds of each phase over the recorded iterations, in phase order. */
  public Map<Phase, Double> meanMillis() {
    return mean(nanos);
  }

  /** Mean CPU milliseconds of the calling thread in each phase, in phase order. */
  public Map<Phase, Double> meanCpuMillis() {
    return mean(cpuNanos);
  }

  private Map<Phase, Double> mean(long[][] nanos) {
    Map<Phase, Double> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      double s = 0;
      for (int i = 0; i < recorded; i++) {
        s += nanos[i][p.ordinal()] / 1e6;
      }
      out.put(p, recorded == 0 ? Double.NaN : s / recorded);
    }
    return out;
  }
}
