package io.forecast.forecasting.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.itransformer.ITransformerConfig;
import io.forecast.forecasting.itransformer.ITransformerModel;
import io.forecast.forecasting.patchtst.PatchTSTConfig;
import io.forecast.forecasting.patchtst.PatchTSTModel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The probe and the zero-shot swap of both encoder types on random weights and inputs: the probed pass
 * is the plain forward pass, the shapes follow the token layout, and the two swaps that are softmax by
 * construction (delta with γ = 1: every query is an anchor with full attention; monarch with one block
 * b = N: one softmax over all keys) reproduce softmax to float32 rounding, while real approximations do
 * not.
 */
class ProbedAttentionModelTest {
  static final int T = 24;
  static final int TAU = 8;
  static final int CHANNELS = 3;
  static final int BATCH = 4;
  /** patch 8, stride 4 over 24 values: N = (24 − 8)/4 + 2 = 6 patches. */
  static final int PATCHES = 6;
  /** Float32 rounding, relative to the largest value compared. */
  static final double ROUNDING = 1e-5;

  static PatchTSTModel patchtst() {
    return PatchTSTModel.create(new PatchTSTConfig(T, TAU, CHANNELS, 8, 4, 16, 16, 2, 2, 0.1, 0.1, "softmax",
        AttentionOperators.spec("softmax").params(Map.of())), 3);
  }

  static ITransformerModel itransformer(int variates) {
    return ITransformerModel.create(new ITransformerConfig(T, TAU, variates, 16, 16, 2, 2, 0.1, 0.1, "softmax",
        AttentionOperators.spec("softmax").params(Map.of())), 5);
  }

  static float[] input(int variates, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[BATCH * T * variates];
    for (int i = 0; i < x.length; i++) {
      int t = (i / variates) % T;
      x[i] = (float) (Math.sin(t / 3.0 + i % variates) + 0.3 * rnd.nextGaussian());
    }
    return x;
  }

  /** max |a − b| / max(1, max |b|). */
  static double relativeMax(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double diff = 0;
    double scale = 1;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }

  @Test
  void patchtstProbeIsTheForwardPassWithOneSequencePerWindowAndChannel() {
    try (PatchTSTModel model = patchtst()) {
      float[] x = input(CHANNELS, 1);
      ProbeResult r = model.probe(x, BATCH);
      assertThat(r.forecast()).containsExactly(model.predict(x, BATCH));
      assertThat(r.sequences()).isEqualTo(BATCH * CHANNELS);
      assertThat(r.tokens()).isEqualTo(PATCHES);
      assertThat(r.heads()).isEqualTo(2);
      assertThat(r.weights()).hasSize(2).allSatisfy(w -> assertThat(w).hasSize(BATCH * CHANNELS * 2 * 6 * 6));
      assertThat(r.attentionOutputs()).allSatisfy(o -> assertThat(o).hasSize(BATCH * CHANNELS * 6 * 16));
      assertThat(r.tokenStates()).allSatisfy(o -> assertThat(o).hasSize(BATCH * CHANNELS * 6 * 16));
      float[] w = r.weights().get(1);
      for (int row = 0; row < w.length / 6; row++) { // softmax rows sum to 1
        double sum = 0;
        for (int j = 0; j < 6; j++) {
          sum += w[row * 6 + j];
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
      }
    }
  }

  @Test
  void patchtstDeltaWithGammaOneAndMonarchWithOneBlockReproduceSoftmax() {
    try (PatchTSTModel model = patchtst()) {
      float[] x = input(CHANNELS, 2);
      ProbeResult softmax = model.probe(x, BATCH);
      ProbeResult same = model.withOperator("softmax", Map.of()).probe(x, BATCH);
      assertThat(same.forecast()).containsExactly(softmax.forecast());
      for (Map<String, Object> delta : java.util.List.<Map<String, Object>>of(Map.of("gamma", 1, "window", 2),
          Map.of("gamma", 1, "window", 1, "sinks", 0))) {
        ProbeResult r = model.withOperator("delta", delta).probe(x, BATCH);
        assertThat(r.weights()).containsOnlyNulls(); // delta forms no matrix
        assertThat(relativeMax(r.forecast(), softmax.forecast())).as("delta %s", delta).isLessThan(ROUNDING);
        for (int l = 0; l < 2; l++) {
          assertThat(relativeMax(r.attentionOutputs().get(l), softmax.attentionOutputs().get(l))).isLessThan(ROUNDING);
        }
      }
      ProbeResult monarch = model.withOperator("monarch", Map.of("block-size", PATCHES)).probe(x, BATCH);
      assertThat(relativeMax(monarch.forecast(), softmax.forecast())).isLessThan(ROUNDING);
      // real approximations are not softmax: the test can tell
      ProbeResult sparse = model.withOperator("delta", Map.of("gamma", 2, "window", 1, "sinks", 0)).probe(x, BATCH);
      assertThat(relativeMax(sparse.attentionOutputs().get(0), softmax.attentionOutputs().get(0))).isGreaterThan(1e-3);
      ProbeResult blocks = model.withOperator("monarch", Map.of("block-size", 2, "steps", 1)).probe(x, BATCH);
      assertThat(relativeMax(blocks.attentionOutputs().get(0), softmax.attentionOutputs().get(0))).isGreaterThan(1e-3);
    }
  }

  @Test
  void itransformerMonarchWithOneBlockReproducesSoftmaxAndDeltaIsRefused() {
    try (ITransformerModel model = itransformer(5)) {
      float[] x = input(5, 3);
      ProbeResult softmax = model.probe(x, BATCH);
      assertThat(softmax.sequences()).isEqualTo(BATCH);
      assertThat(softmax.tokens()).isEqualTo(5);
      ProbeResult monarch = model.withOperator("monarch", Map.of("block-size", 5)).probe(x, BATCH);
      assertThat(relativeMax(monarch.forecast(), softmax.forecast())).isLessThan(ROUNDING);
      assertThatThrownBy(() -> model.withOperator("delta", Map.of("gamma", 1)))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("use it with patchtst");
    }
  }

  @Test
  void swapsThatDoNotFitAreRefusedSayingWhichSizesWork() {
    try (PatchTSTModel model = patchtst()) {
      assertThatThrownBy(() -> model.withOperator("monarch", Map.of("block-size", 7)))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("from 1 to N = 6");
      assertThatThrownBy(() -> model.withOperator("qontot", Map.of()))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("4, 8 or 16 patches");
      assertThatThrownBy(() -> model.withOperator("delta", Map.of("gamma", 0)))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("model type 'patchtst'")
          .hasMessageContaining("gamma");
    }
    try (ITransformerModel model = itransformer(7)) {
      assertThatThrownBy(() -> model.withOperator("qontot", Map.of()))
          .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("4, 8 or 16 tokens")
          .hasMessageContaining("7 columns");
    }
    assertThat(ProbedAttentionModel.of("not a model")).isEmpty();
  }
}
