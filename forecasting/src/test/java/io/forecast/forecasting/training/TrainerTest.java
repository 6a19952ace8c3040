package io.forecast.forecasting.training;

import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.olinear.OrthonormalBases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.olinear.OLinearConfig;
import io.forecast.forecasting.olinear.OLinearModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final OLinearConfig CONFIG = new OLinearConfig(24, 8, 3, 4, 32, 32, 1, 0.0, true);

  private static OLinearModel model(OLinearConfig config, long seed) {
    return OLinearModel.create(
        config, OrthonormalBases.dct(config.seqLen()), OrthonormalBases.dct(config.predLen()), seed);
  }

  @Test
  void overfitsASineMixtureAndRestoresTheBestEpoch() {
    SlidingWindows train = SineMixture.train(24, 8);
    SlidingWindows validation = SineMixture.validation(24, 8);
    TrainingConfig settings = new TrainingConfig(25, 32, 3e-3, LearningRateSchedule.TYPE3, 50, 7);
    List<double[]> seen = new ArrayList<>();
    try (OLinearModel model = model(CONFIG, 1)) {
      double before = evaluate(model, train, 64).mae();
      TrainingResult result =
          new Trainer(settings)
              .train(
                  model,
                  train,
                  validation,
                  (epoch, trainLoss, valLoss, lr, seconds) ->
                      seen.add(new double[] {epoch, trainLoss, valLoss, lr, seconds}),
                  () -> false);
      double[] losses = result.trainLosses();
      assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
      assertThat(seen).hasSize(25);
      assertThat(seen.get(4)[3]).isCloseTo(3e-3 * 0.9, within(1e-12));
      assertThat(losses[losses.length - 1]).isLessThan(0.1 * losses[0]);
      // the model holds the best-validation weights
      double[] val = result.validationLosses();
      double bestVal = java.util.Arrays.stream(val).min().orElseThrow();
      assertThat(result.bestLoss()).isEqualTo(bestVal);
      assertThat(val[result.bestEpoch() - 1]).isEqualTo(bestVal);
      try (WeightedL1Loss loss = new WeightedL1Loss(model.manager(), 8)) {
        assertThat(Trainer.validationLoss(model, validation, 32, loss))
            .isCloseTo(bestVal, within(1e-6));
      }
      ModelProvenance.Metrics after = evaluate(model, train, 64);
      assertThat(after.mae()).isLessThan(0.1 * before);
      assertThat(after.windows()).isEqualTo(train.count());
    }
  }

  @Test
  void sameSeedGivesBitIdenticalLossSequences() {
    SlidingWindows train = SineMixture.train(24, 8);
    SlidingWindows validation = SineMixture.validation(24, 8);
    OLinearConfig withDropout = CONFIG.withDropout(0.1);
    TrainingConfig settings = new TrainingConfig(3, 32, 1e-3, LearningRateSchedule.TYPE1, 5, 11);
    double[][] runs = new double[2][];
    double[][] vals = new double[2][];
    for (int run = 0; run < 2; run++) {
      try (OLinearModel model = model(withDropout, 5)) {
        TrainingResult result = new Trainer(settings).train(model, train, validation);
        runs[run] = result.trainLosses();
        vals[run] = result.validationLosses();
      }
    }
    assertThat(runs[1]).containsExactly(runs[0]);
    assertThat(vals[1]).containsExactly(vals[0]);
  }

  @Test
  void cancellationStopsBetweenBatches() {
    SlidingWindows train = SineMixture.train(24, 8);
    SlidingWindows validation = SineMixture.validation(24, 8);
    TrainingConfig settings = new TrainingConfig(5, 32, 1e-3, LearningRateSchedule.TYPE1, 5, 3);
    AtomicInteger checks = new AtomicInteger();
    try (OLinearModel model = model(CONFIG, 2)) {
      int arraysBefore = model.manager().getManagedArrays().size();
      // 269 windows / 32 = 9 batches per epoch: cancel during the second epoch
      TrainingResult result =
          new Trainer(settings)
              .train(model, train, validation, EpochListener.NONE, () -> checks.incrementAndGet() > 12);
      assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
      assertThat(result.epochs()).hasSize(1);
      assertThat(result.bestEpoch()).isEqualTo(1);
      // optimiser state, loss weights and every batch were freed
      assertThat(model.manager().getManagedArrays()).hasSize(arraysBefore);
      try (WeightedL1Loss loss = new WeightedL1Loss(model.manager(), 8)) {
        assertThat(Trainer.validationLoss(model, validation, 32, loss))
            .isCloseTo(result.bestLoss(), within(1e-6));
      }
    }
  }

  @Test
  void evaluationAveragesOverEveryWindowStepAndVariate() {
    SlidingWindows windows = SineMixture.validation(24, 8);
    try (OLinearModel model = model(CONFIG, 4)) {
      float[] predicted = model.predict(windows, 7);
      int per = 8 * 3;
      assertThat(predicted).hasSize(windows.count() * per);
      float[] target = new float[per];
      double se = 0;
      double ae = 0;
      for (int w = 0; w < windows.count(); w++) {
        windows.copyTarget(w, target, 0);
        for (int k = 0; k < per; k++) {
          double e = predicted[w * per + k] - target[k];
          se += e * e;
          ae += Math.abs(e);
        }
      }
      ModelProvenance.Metrics metrics = evaluate(model, windows, 5);
      int n = windows.count() * per;
      // batch sizes differ (5 vs 7), so float32 forecasts may differ in the last bits
      assertThat(metrics.mse()).isCloseTo(se / n, within(1e-6));
      assertThat(metrics.mae()).isCloseTo(ae / n, within(1e-6));
    }
  }

  private static ModelProvenance.Metrics evaluate(OLinearModel model, SlidingWindows windows, int batch) {
    return ForecastEvaluator.evaluate(model.predict(windows, batch), windows, List.of("a", "b", "c"), false);
  }
}
