package io.forecast.forecasting.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.nn.DropoutMasks;
import io.forecast.forecasting.nn.GradMode;
import io.forecast.forecasting.nn.TrainableNetwork;
import io.forecast.forecasting.nn.WindowBatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Trains any {@link TrainableNetwork} the way the official OLinear and Time-Series-Library
 * {@code exp_*.py} loops do: the configured optimiser (PyTorch-exact Adam or AdamW) on the configured
 * loss, train windows reshuffled every epoch, {@code drop_last = False}, the learning rate of the
 * configured schedule per epoch, the validation loss (the same criterion, unweighted mean of
 * per-batch losses) after each epoch, early stopping, and the best-validation weights restored at
 * the end.
 *
 * <p>Deterministic under {@link TrainingConfig#seed()}: the dropout masks come from a {@link
 * DropoutMasks} stream with that seed, confined to the training thread
 * for the run (the engine's global generator is not touched), and the shuffling uses a {@link
 * Random} with the same seed. Each batch runs in its
 * own sub-manager of the model's manager, closed at the end of the batch. Only one gradient
 * collector may be open per JVM, so only one model can train at a time in a process.
 */
public final class Trainer {
  private final TrainingConfig config;

  /** Creates a trainer with the given settings. */
  public Trainer(TrainingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The settings. */
  public TrainingConfig config() {
    return config;
  }

  /** Trains without listener or cancellation. */
  public TrainingResult train(TrainableNetwork model, SlidingWindows train, SlidingWindows validation) {
    return train(model, train, validation, EpochListener.NONE, () -> false);
  }

  /**
   * Trains {@code model} in place.
   *
   * <p>If {@code validation} holds no window, the training loss drives early stopping and the
   * checkpoint. When {@code cancelled} turns true (checked before every batch) the run stops,
   * the partial epoch is discarded and the best checkpoint so far (if any) is restored.
   *
   * @throws IllegalArgumentException if the windows do not fit the model or there is no train
   *     window
   */
  public TrainingResult train(
      TrainableNetwork model,
      SlidingWindows train,
      SlidingWindows validation,
      EpochListener listener,
      BooleanSupplier cancelled) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancelled, "cancelled");
    checkFits(model, train, "train");
    checkFits(model, validation, "validation");
    int count = train.count();
    if (count == 0) {
      throw new IllegalArgumentException("the train split has no window");
    }
    Engine engine = io.forecast.forecasting.nn.NativeEngine.get();
    Random shuffler = new Random(config.seed());
    int[] order = IntStream.range(0, count).toArray();
    int batchSize = Math.min(config.batchSize(), count);
    WindowBatcher batcher = new WindowBatcher(train, batchSize);
    EarlyStopping stopping = new EarlyStopping(config.patience());
    List<EpochSummary> epochs = new ArrayList<>();
    float[][] best = null;
    int bestEpoch = 0;
    StopReason reason = StopReason.COMPLETED;
    int predLen = model.predLen();
    try (DropoutMasks.Scope masks = DropoutMasks.seeded(config.seed());
        Optimizer adam = config.optimizer().create(model.manager(), model.parameters(), config.weightDecay());
        Loss loss = config.loss().create(model.manager(), predLen)) {
      adam.zeroGradients();
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long started = System.nanoTime();
        double rate = config.learningRateAt(epoch);
        shuffle(order, shuffler);
        double sum = 0;
        int batches = 0;
        boolean stop = false;
        for (int from = 0; from < count; from += batchSize) {
          if (cancelled.getAsBoolean()) {
            stop = true;
            break;
          }
          int size = Math.min(batchSize, count - from);
          sum += step(model, adam, loss, batcher, order, from, size, rate, engine);
          batches++;
        }
        if (stop) {
          reason = StopReason.CANCELLED;
          break;
        }
        double trainLoss = sum / batches;
        if (!Double.isFinite(trainLoss)) {
          throw new io.forecast.forecasting.UnfittableSeriesException("training diverged in epoch " + epoch
              + " (the training loss is " + trainLoss + "); lower the learning rate (now " + rate + ")");
        }
        double validationLoss =
            validation.count() == 0
                ? Double.NaN
                : validationLoss(model, validation, config.batchSize(), loss);
        double seconds = (System.nanoTime() - started) / 1e9;
        epochs.add(new EpochSummary(epoch, trainLoss, validationLoss, rate, seconds));
        listener.epochFinished(epoch, trainLoss, validationLoss, rate, seconds);
        if (stopping.update(validation.count() == 0 ? trainLoss : validationLoss)) {
          best = model.snapshot();
          bestEpoch = epoch;
        }
        if (stopping.shouldStop()) {
          reason = StopReason.EARLY_STOPPED;
          break;
        }
      }
      adam.zeroGradients();
    }
    if (best != null) {
      model.restore(best);
    }
    double bestLoss = bestEpoch == 0 ? Double.NaN : stopping.best();
    return new TrainingResult(epochs, bestEpoch, bestLoss, reason);
  }

  public static double step(
      TrainableNetwork model,
      Optimizer adam,
      Loss loss,
      WindowBatcher batcher,
      int[] order,
      int from,
      int size,
      double rate,
      Engine engine) {
    return step(model, adam, loss, batcher, order, from, size, rate, engine, null);
  }

  /**
   * {@link #step(TrainableNetwork, Optimizer, Loss, WindowBatcher, int[], int, int, double, Engine)}
   * with the wall time of each phase recorded into {@code phases} (when not {@code null}); the
   * computation is the same.
   */
  public static double step(
      TrainableNetwork model,
      Optimizer adam,
      Loss loss,
      WindowBatcher batcher,
      int[] order,
      int from,
      int size,
      double rate,
      Engine engine,
      StepPhases phases) {
    if (phases != null) {
      phases.start();
    }
    float value;
    try (NDManager batch = model.manager().newSubManager()) {
      NDArray x = batcher.inputs(batch, order, from, size);
      NDArray y = batcher.targets(batch, order, from, size);
      end(phases, StepPhases.Phase.BATCH);
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray forecast = model.forward(x, true);
        end(phases, StepPhases.Phase.FORWARD);
        NDArray l = loss.compute(forecast, y);
        end(phases, StepPhases.Phase.LOSS);
        collector.backward(l);
        end(phases, StepPhases.Phase.BACKWARD);
        value = l.getFloat();
      }
      end(phases, StepPhases.Phase.READ);
      adam.step(rate);
      end(phases, StepPhases.Phase.OPTIMIZER);
    }
    if (phases != null) {
      phases.end(StepPhases.Phase.FREE);
      phases.finish();
    }
    return value;
  }

  private static void end(StepPhases phases, StepPhases.Phase phase) {
    if (phases != null) {
      phases.end(phase);
    }
  }

  /**
   * The validation criterion: the unweighted mean of per-batch {@code loss} values over
   * all windows in order (the last, smaller batch weighs as much as the others), without dropout.
   */
  public static double validationLoss(
      TrainableNetwork model, SlidingWindows windows, int batchSize, Loss loss) {
    int count = windows.count();
    if (count == 0) {
      throw new IllegalArgumentException("no validation windows");
    }
    int size0 = Math.min(batchSize, count);
    int[] order = IntStream.range(0, count).toArray();
    WindowBatcher batcher = new WindowBatcher(windows, size0);
    double sum = 0;
    int batches = 0;
    try (GradMode off = GradMode.disabled()) {
      for (int from = 0; from < count; from += size0) {
        int size = Math.min(size0, count - from);
        try (NDManager batch = model.manager().newSubManager()) {
          NDArray x = batcher.inputs(batch, order, from, size);
          NDArray y = batcher.targets(batch, order, from, size);
          sum += loss.compute(model.forward(x, false), y).getFloat();
          batches++;
        }
      }
    }
    return sum / batches;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  private static void checkFits(TrainableNetwork model, SlidingWindows windows, String name) {
    Objects.requireNonNull(windows, name);
    if (windows.seqLen() != model.seqLen()
        || windows.predLen() != model.predLen()
        || windows.columns() != model.variates()) {
      throw new IllegalArgumentException(
          name + " windows are " + windows.seqLen() + "->" + windows.predLen() + " over "
              + windows.columns() + " columns, model is " + model.seqLen() + "->" + model.predLen()
              + " over " + model.variates());
    }
  }
}
