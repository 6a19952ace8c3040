package io.forecast.forecasting.studies.cooccurrence;

import io.forecast.forecasting.nn.EngineThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the study: generates the data, trains the model by full-batch gradient descent, stores the
 * tracked quantities on the settings' schedule, finds the end of phase 1 (the first epoch at which
 * every training sample is classified correctly) and judges the claims ({@link Verdicts}).
 */
public final class CooccurrenceStudy {
  private CooccurrenceStudy() {}

  /** {@link #run(CooccurrenceSettings, Consumer)} without progress reports. */
  public static CooccurrenceResult run(CooccurrenceSettings settings) {
    return run(settings, s -> { });
  }

  /**
   * Trains for {@code settings.epochs()} steps.
   *
   * @param progress called with every stored snapshot, in epoch order, on the calling thread
   */
  public static CooccurrenceResult run(CooccurrenceSettings settings, Consumer<Snapshot> progress) {
    // the tensors are tiny: a second intra-op thread only adds synchronisation (15x slower measured
    // on a loaded 2-core machine), so train on one and restore the caller's count afterwards
    int threads = EngineThreads.currentThreadCount();
    EngineThreads.useOnCurrentThread(1);
    try {
      return train(settings, progress);
    } finally {
      EngineThreads.useOnCurrentThread(threads);
    }
  }

  private static CooccurrenceResult train(CooccurrenceSettings settings, Consumer<Snapshot> progress) {
    long t0 = System.nanoTime();
    CooccurrenceData data = CooccurrenceData.generate(settings.samples(), settings.length(), settings.dim(),
        settings.seed());
    List<Snapshot> stored = new ArrayList<>();
    int phase1End = -1;
    try (CooccurrenceModel model = CooccurrenceModel.create(data, settings.m(), settings.m1(), settings.init(),
        settings.attention(), settings.seed())) {
      for (int t = 0; t < settings.epochs(); t++) {
        boolean store = settings.stores(t);
        // until phase 1 ends, every epoch might be its end: keep its weight statistics at hand
        CooccurrenceModel.WeightStats w = store || phase1End < 0 ? model.weightStats() : null;
        double[] margins = model.step(settings.lr());
        boolean phase1Now = phase1End < 0 && allPositive(margins);
        if (phase1Now) {
          phase1End = t;
        }
        if (store || phase1Now) {
          Snapshot s = Snapshot.of(t, margins, data, w);
          stored.add(s);
          progress.accept(s);
        }
      }
      double[] margins = model.margins();
      if (phase1End < 0 && allPositive(margins)) {
        phase1End = settings.epochs();
      }
      Snapshot last = Snapshot.of(settings.epochs(), margins, data, model.weightStats());
      stored.add(last);
      progress.accept(last);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new CooccurrenceResult(settings, phase1End, stored, Verdicts.judge(stored, phase1End), seconds);
  }

  private static boolean allPositive(double[] margins) {
    for (double v : margins) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }
}
