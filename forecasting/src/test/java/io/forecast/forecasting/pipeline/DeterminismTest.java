package io.forecast.forecasting.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.engine.Engine;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.baselines.BaselinesTest;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run's randomness depends only on its seed: loading models and forecasting on other
 * threads meanwhile changes nothing, and loading never touches the engine's generator.
 */
class DeterminismTest {
  private static final Map<String, Object> SMALL = Map.of("dModel", 16, "embedSize", 4, "epochs", 3, "batchSize", 16,
      "dropout", 0.3, "learningRate", 1e-2);

  private static FittedForecaster train(TimeSeriesFrame frame) {
    return ForecastPipeline.train(frame, "sha", new TrainingSpec("olinear", 24, 8, SplitRule.AUTO, SMALL),
        TrainingContext.defaults().withSeed(11));
  }

  @Test
  void loadingNeverTouchesTheEngineGenerator(@TempDir Path dir) throws Exception {
    TimeSeriesFrame frame = BaselinesTest.hourly(400);
    Path saved = dir.resolve("m");
    try (FittedForecaster f = train(frame)) {
      AtomicDirectory.write(saved, false, f::save);
    }
    Engine engine = Engine.getInstance();
    float[] plain;
    float[] withLoad;
    try (NDManager m = NDManager.newBaseManager()) {
      engine.setRandomSeed(5);
      plain = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(64)).toFloatArray();
      engine.setRandomSeed(5);
      try (FittedForecaster loaded = ForecasterTypes.load(saved)) {
        loaded.forecast(frame.values(0, 24), 24);
      }
      withLoad = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(64)).toFloatArray();
    }
    assertThat(withLoad).containsExactly(plain);
  }

  @Test
  void aJobGivesIdenticalLossesWhileOtherThreadsLoadAndForecast(@TempDir Path dir) throws Exception {
    TimeSeriesFrame frame = BaselinesTest.hourly(400);
    Path saved = dir.resolve("other");
    List<ModelProvenance.Epoch> alone;
    float[] aloneTest;
    try (FittedForecaster f = train(frame)) {
      AtomicDirectory.write(saved, false, f::save);
      alone = f.provenance().curve();
      aloneTest = f.predictScaled(io.forecast.data.PreparedSeries.prepare(frame, SplitRule.AUTO, 24, 8)
          .windows(io.forecast.data.Split.TEST));
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger loads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> busy = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      busy.add(pool.submit(() -> {
        double[] history = frame.values(0, 24);
        while (!stop.get()) {
          try (FittedForecaster loaded = ForecasterTypes.load(saved)) {
            loaded.forecast(history, 24);
            loads.incrementAndGet();
          }
        }
        return null;
      }));
    }
    List<ModelProvenance.Epoch> concurrent;
    float[] concurrentTest;
    try (FittedForecaster f = train(frame)) {
      concurrent = f.provenance().curve();
      concurrentTest = f.predictScaled(io.forecast.data.PreparedSeries.prepare(frame, SplitRule.AUTO, 24, 8)
          .windows(io.forecast.data.Split.TEST));
    } finally {
      stop.set(true);
      for (Future<?> b : busy) {
        b.get();
      }
      pool.shutdown();
    }
    assertThat(loads.get()).as("models were loaded while training ran").isPositive();
    assertThat(concurrent).hasSameSizeAs(alone);
    for (int e = 0; e < alone.size(); e++) {
      assertThat(concurrent.get(e).trainLoss()).isEqualTo(alone.get(e).trainLoss());
      assertThat(concurrent.get(e).valLoss()).isEqualTo(alone.get(e).valLoss());
    }
    assertThat(concurrentTest).containsExactly(aloneTest);
  }
}
