package io.forecast.forecasting.studies.sinks;

import io.forecast.data.PreparedSeries;
import io.forecast.data.SlidingWindows;
import io.forecast.data.Split;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.nn.EngineThreads;
import io.forecast.forecasting.training.LearningRateSchedule;
import io.forecast.forecasting.training.Loss;
import io.forecast.forecasting.training.Optimizer;
import io.forecast.forecasting.training.Trainer;
import io.forecast.forecasting.training.TrainingConfig;
import io.forecast.forecasting.transformer.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs the study: the constructed check ({@link ConstructedCheck}), then for each dataset (the file, if
 * given, and the synthetic series) every architecture × variant trained from the same seed with the shared
 * {@link Trainer} (Adam, MSE), scored on the first test windows and probed there layer by layer
 * ({@link LayerMetrics}); finally the verdicts ({@link SinksVerdicts}).
 */
public final class SinksStudy {
  /** Windows per probed batch. */
  static final int PROBE_BATCH = 32;

  private SinksStudy() {}

  /**
   * Runs the study on one intra-op thread (the tensors are tiny; more threads only add synchronisation).
   *
   * @param frame the forecasting file, or {@code null} for the synthetic series only
   * @param split how to split {@code frame}
   * @param progress told a line per finished run, on the calling thread
   * @throws io.forecast.data.DataException when the file has too few rows for the windows
   */
  public static SinksResult run(SinksSettings settings, TimeSeriesFrame frame, SplitRule split,
      Consumer<String> progress) {
    int threads = EngineThreads.currentThreadCount();
    EngineThreads.useOnCurrentThread(1);
    try {
      long t0 = System.nanoTime();
      List<ConstructedRun> constructed = ConstructedCheck.run(settings);
      List<PreparedSeries> datasets = new ArrayList<>();
      if (frame != null) {
        datasets.add(PreparedSeries.prepare(frame, split, settings.seqLen(), settings.predLen()));
      }
      if (settings.syntheticRows() > 0) {
        datasets.add(PreparedSeries.prepare(SyntheticSeries.generate(settings.syntheticRows(), settings.seed()),
            SplitRule.RATIO, settings.seqLen(), settings.predLen()));
      }
      if (datasets.isEmpty()) {
        throw new IllegalArgumentException("no dataset: give a file or synthetic rows > 0");
      }
      List<TrainedRun> runs = new ArrayList<>();
      for (PreparedSeries data : datasets) {
        for (Architecture arch : settings.architectures()) {
          for (SinkVariant variant : settings.variants()) {
            TrainedRun r = train(settings, data, arch, variant);
            runs.add(r);
            progress.accept(String.format(Locale.ROOT, "%s %s %s: test MSE %.4f, last-layer r %.4f (%.1f s)",
                r.dataset(), arch.label(), variant.label(), r.testMse(), r.last().rankOneDistance(), r.seconds()));
          }
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new SinksResult(settings, constructed, runs, SinksVerdicts.judge(constructed, runs), seconds);
    } finally {
      EngineThreads.useOnCurrentThread(threads);
    }
  }

  static TrainedRun train(SinksSettings s, PreparedSeries data, Architecture arch, SinkVariant variant) {
    long t0 = System.nanoTime();
    int columns = data.frame().columnCount();
    EncoderConfig encoder = new EncoderConfig(s.tokens(), s.dModel(), s.dFf(), s.heads(), 0, 0,
        variant.registryName(), variant.params(s.logit(), s.diagonal(), s.sinkValue()));
    StackConfig.Learned learned = s.learn() && (variant.hasLogit() || variant.hasDiagonal())
        ? new StackConfig.Learned(variant, s.logit(), s.diagonal(), s.sinkValue()) : null;
    StackConfig config = new StackConfig(arch, encoder, s.layers(), s.seqLen(), s.predLen(), columns, s.patch(),
        variant.swap(s.window()), learned);
    SlidingWindows train = last(data.windows(Split.TRAIN), s.maxTrainWindows());
    SlidingWindows validation = first(data.windows(Split.VAL), Math.max(1, s.maxTrainWindows() / 4));
    SlidingWindows test = first(data.windows(Split.TEST), s.testWindows());
    try (SinksModel model = SinksModel.create(config, s.seed())) {
      TrainingConfig training = new TrainingConfig(s.epochs(), s.batchSize(), s.lr(), LearningRateSchedule.TYPE1,
          s.epochs(), s.seed(), Loss.Kind.MSE, Optimizer.Kind.ADAM, 0);
      int epochs = new Trainer(training).train(model, train, validation).epochs().size();
      List<SinksModel.Probed> probed = new ArrayList<>();
      double squared = 0;
      int per = s.seqLen() * columns;
      int perTarget = s.predLen() * columns;
      for (int from = 0; from < test.count(); from += PROBE_BATCH) {
        int b = Math.min(PROBE_BATCH, test.count() - from);
        float[] in = new float[b * per];
        float[] target = new float[b * perTarget];
        for (int i = 0; i < b; i++) {
          test.copyInput(from + i, in, i * per);
          test.copyTarget(from + i, target, i * perTarget);
        }
        float[] y = model.predict(in, b);
        for (int i = 0; i < y.length; i++) {
          double e = y[i] - target[i];
          squared += e * e;
        }
        probed.add(model.probe(in, b));
      }
      double mse = squared / ((double) test.count() * perTarget);
      return new TrainedRun(data.frame().source(), arch, variant, mse, epochs, (System.nanoTime() - t0) / 1e9,
          LayerMetrics.of(probed), model.learned(true), model.learned(false));
    }
  }

  /** The last {@code max} windows of {@code w}. */
  private static SlidingWindows last(SlidingWindows w, int max) {
    if (w.count() <= max) {
      return w;
    }
    int start = w.endRow() - (max + w.seqLen() + w.predLen() - 1);
    return SlidingWindows.over(w.data(), w.columns(), start, w.endRow(), w.seqLen(), w.predLen());
  }

  /** The first {@code max} windows of {@code w}. */
  private static SlidingWindows first(SlidingWindows w, int max) {
    if (w.count() <= max) {
      return w;
    }
    int end = w.startRow() + max + w.seqLen() + w.predLen() - 1;
    return SlidingWindows.over(w.data(), w.columns(), w.startRow(), end, w.seqLen(), w.predLen());
  }
}
