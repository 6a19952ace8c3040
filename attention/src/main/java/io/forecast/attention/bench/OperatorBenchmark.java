package io.forecast.attention.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.attention.AttentionOperator;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward + backward wall time of one operator on random {@code [1, heads, N, d]} inputs: warm-up
 * runs, then the median of timed runs; and the bytes of the arrays one forward + backward allocates
 * (every array DJL attaches to the run's manager: outputs, intermediates and gradients).
 */
public final class OperatorBenchmark {
  private OperatorBenchmark() {}

  /** One measurement. */
  public record Result(String operator, int tokens, int dim, int heads, String dtype, double medianSeconds,
      double minSeconds, long allocatedBytes, int runs) {}

  /**
   * Times {@code op}.
   *
   * @param seed seed of the random inputs
   * @throws IllegalArgumentException for non-positive sizes or counts
   */
  public static Result run(AttentionOperator op, int tokens, int dim, int heads, DataType type, int warmup, int runs,
      long seed) {
    if (tokens < 1 || dim < 1 || heads < 1 || warmup < 0 || runs < 1) {
      throw new IllegalArgumentException("sizes and run counts must be positive, got tokens " + tokens + ", dim "
          + dim + ", heads " + heads + ", warmup " + warmup + ", runs " + runs);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = heads * tokens * dim;
    float[][] data = new float[3][n];
    for (float[] x : data) {
      for (int i = 0; i < n; i++) {
        x[i] = (float) (rnd.nextDouble() * 2 - 1);
      }
    }
    double[] seconds = new double[runs];
    long bytes = 0;
    for (int r = -warmup; r < runs; r++) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray[] in = new NDArray[3];
        for (int i = 0; i < 3; i++) {
          in[i] = m.create(data[i], new Shape(1, heads, tokens, dim)).toType(type, false);
          in[i].setRequiresGradient(true);
        }
        long t0 = System.nanoTime();
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
          NDArray out = op.output(in[0], in[1], in[2], null);
          gc.backward(out.sum());
        }
        in[0].getGradient().toFloatArray(); // wait for the result
        long t1 = System.nanoTime();
        if (r >= 0) {
          seconds[r] = (t1 - t0) / 1e9;
          if (r == 0) {
            bytes = m.getManagedArrays().stream().mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
          }
        }
      }
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
    return new Result(op.name(), tokens, dim, heads, type.toString().toLowerCase(java.util.Locale.ROOT), median,
        sorted[0], bytes, runs);
  }

  /**
   * Least-squares slope of log(time) against log(N) over the results of one operator (the empirical
   * exponent: about 2 for softmax, 1.5 for Monarch); NaN for fewer than two points.
   */
  public static double slope(java.util.List<Result> results) {
    int k = results.size();
    if (k < 2) {
      return Double.NaN;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Result r : results) {
      double x = Math.log(r.tokens());
      double y = Math.log(r.medianSeconds());
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (k * sxy - sx * sy) / (k * sxx - sx * sx);
  }
}
