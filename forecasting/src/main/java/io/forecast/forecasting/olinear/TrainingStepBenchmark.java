package io.forecast.forecasting.olinear;

import ai.djl.engine.Engine;
import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.nn.DropoutMasks;
import io.forecast.forecasting.nn.WindowBatcher;
import io.forecast.forecasting.training.PyTorchAdam;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.WeightedL1Loss;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Times single training iterations (forward, weighted-L1 loss, backward, Adam step) exactly as
 * {@link Trainer} runs them, on shuffled batches of real windows. A benchmark, not a test:
 * the CLI's {@code bench train-step} command calls it.
 */
public final class TrainingStepBenchmark {
  private TrainingStepBenchmark() {}

  /**
   * Runs {@code warmup} untimed and {@code iterations} timed steps.
   *
   * @return seconds of each timed step, in order
   */
  public static double[] run(OLinearModel model, SlidingWindows train, int batchSize, double learningRate,
      int warmup, int iterations, long seed) {
    return run(model, train, batchSize, learningRate, warmup, iterations, seed, null, null, 0);
  }

  /**
   * Like {@link #run(OLinearModel, SlidingWindows, int, double, int, int, long)}, and also records
   * the phases of every timed step into {@code phases} (when not {@code null}) and, when {@code
   * trace} is not {@code null}, runs {@code traced} further steps under libtorch's profiler
   * ({@code JniUtils.startProfile}, shapes and memory recorded) and writes its Chrome trace to
   * {@code trace}.
   *
   * @return seconds of each timed step, in order (the traced steps are not included)
   */
  public static double[] run(OLinearModel model, SlidingWindows train, int batchSize, double learningRate,
      int warmup, int iterations, long seed, io.forecast.forecasting.training.StepPhases phases,
      java.nio.file.Path trace, int traced) {
    if (iterations < 1 || warmup < 0 || batchSize < 1 || train.count() < batchSize) {
      throw new IllegalArgumentException("need iterations >= 1, warmup >= 0 and at least one full batch of windows");
    }
    Engine engine = io.forecast.forecasting.nn.NativeEngine.get();
    int[] order = IntStream.range(0, train.count()).toArray();
    Random rnd = new Random(seed);
    WindowBatcher batcher = new WindowBatcher(train, batchSize);
    double[] seconds = new double[iterations];
    try (DropoutMasks.Scope masks = DropoutMasks.seeded(seed);
        PyTorchAdam adam = new PyTorchAdam(model.manager(), model.parameters());
        WeightedL1Loss loss = new WeightedL1Loss(model.manager(), model.config().predLen())) {
      adam.zeroGradients();
      for (int i = 0; i < warmup + iterations; i++) {
        int from = rnd.nextInt(train.count() - batchSize + 1);
        long t0 = System.nanoTime();
        Trainer.step(model, adam, loss, batcher, order, from, batchSize, learningRate, engine,
            i >= warmup ? phases : null);
        if (i >= warmup) {
          seconds[i - warmup] = (System.nanoTime() - t0) / 1e9;
        }
      }
      if (trace != null && traced > 0) {
        io.forecast.forecasting.bench.TorchProfile.trace(trace, () -> {
          for (int i = 0; i < traced; i++) {
            Trainer.step(model, adam, loss, batcher, order, rnd.nextInt(train.count() - batchSize + 1), batchSize,
                learningRate, engine);
          }
        });
      }
      adam.zeroGradients();
    }
    return seconds;
  }

  /** Median of a non-empty array. */
  public static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
