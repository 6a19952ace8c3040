package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.forecasting.training.PyTorchAdam;
import org.junit.jupiter.api.Test;

/**
 * The inference cache of the forward pass's folded weight-only arrays: forecasts with it agree with the
 * step-by-step pass over the same weights to float32 rounding, repeat bit for bit, and follow every
 * change of the weights.
 */
class InferenceCacheTest {
  private static final OLinearConfig TINY = new OLinearConfig(24, 8, 3, 4, 32, 32, 2, 0.1, true);

  private static OLinearModel model(OLinearConfig config, long seed) {
    return OLinearModel.create(config, OrthonormalBases.dct(config.seqLen()), OrthonormalBases.dct(config.predLen()),
        seed);
  }

  /** An inference pass with gradient recording on, which never uses the cache. */
  private static float[] uncached(OLinearModel model, float[] input, int batch) {
    boolean previous = ai.djl.pytorch.jni.JniUtils.isGradMode();
    ai.djl.pytorch.jni.JniUtils.setGradMode(true);
    try (NDManager scope = model.manager().newSubManager()) {
      return model.forward(scope.create(input, new Shape(batch, 24, 3)), false).toFloatArray();
    } finally {
      ai.djl.pytorch.jni.JniUtils.setGradMode(previous);
    }
  }

  /** Finite, and |folded − step by step| ≤ 1e-5 · max(1, max |step by step|) everywhere. */
  static void assertAgreesToFloatRounding(float[] folded, float[] stepByStep, String what) {
    assertThat(folded).as(what).hasSameSizeAs(stepByStep);
    double scale = 1;
    for (float v : stepByStep) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < folded.length; i++) {
      assertThat(Float.isFinite(folded[i])).as(what).isTrue();
      assertThat((double) folded[i]).as("%s, value %d", what, i).isCloseTo(stepByStep[i], within(1e-5 * scale));
    }
  }

  @Test
  void foldedForecastsAgreeWithTheStepByStepPassAndRepeatBitForBit() {
    float[] input = OLinearNetworkTest.randomInput(5, 24, 3, 7);
    for (OLinearConfig config : new OLinearConfig[] {TINY, TINY.withRank1Shortcut(false),
        TINY.withMixer(OLinearMixerTest.mixer("normlin-sinkhorn", java.util.Map.of())),
        TINY.withMixer(OLinearMixerTest.mixer("normlin-qr", java.util.Map.of())),
        TINY.withMixer(OLinearMixerTest.mixer("softmax", java.util.Map.of())),
        new OLinearConfig(24, 8, 3, 1, 32, 48, 1, 0.1, true)}) { // D = 1, d_ff ≠ d_model, one layer
      try (OLinearModel m = model(config, 3)) {
        float[] reference = uncached(m, input, 5);
        float[] first = m.predict(input, 5);
        float[] second = m.predict(input, 5);
        assertAgreesToFloatRounding(first, reference, config.toString());
        assertThat(second).as(config.toString()).containsExactly(first);
      }
    }
  }

  @Test
  void followsRestoreAndTrainingSteps() {
    float[] input = OLinearNetworkTest.randomInput(4, 24, 3, 11);
    try (OLinearModel a = model(TINY, 1);
        OLinearModel b = model(TINY, 2)) {
      float[] beforeA = a.predict(input, 4);
      a.restore(b.snapshot());
      assertThat(a.predict(input, 4)).containsExactly(b.predict(input, 4)).isNotEqualTo(beforeA);

      float[] beforeStep = a.predict(input, 4);
      try (PyTorchAdam adam = new PyTorchAdam(a.manager(), a.parameters());
          NDManager batch = a.manager().newSubManager()) {
        NDArray x = batch.create(input, new Shape(4, 24, 3));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(a.forward(x, true).square().mean());
        }
        adam.step(1e-2);
      }
      float[] afterStep = a.predict(input, 4);
      assertThat(afterStep).isNotEqualTo(beforeStep);
      assertAgreesToFloatRounding(afterStep, uncached(a, input, 4), "after a training step");
    }
  }
}
