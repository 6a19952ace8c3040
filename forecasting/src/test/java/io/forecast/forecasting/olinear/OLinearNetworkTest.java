package io.forecast.forecasting.olinear;

import io.forecast.forecasting.nn.RevIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OLinearNetworkTest {
  private static final OLinearConfig TINY =
      new OLinearConfig(24, 8, 3, 4, 32, 32, 2, 0.0, true);

  static float[] randomInput(int batch, int t, int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[batch * t * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * 2 + 0.5);
    }
    return x;
  }

  private static OLinearModel tinyModel(OLinearConfig config, long seed) {
    return OLinearModel.create(
        config, OrthonormalBases.dct(config.seqLen()), OrthonormalBases.dct(config.predLen()), seed);
  }

  @Test
  void forecastHasShapeBatchHorizonVariates() {
    try (OLinearModel model = tinyModel(TINY, 1);
        NDManager batch = model.manager().newSubManager()) {
      NDArray x = batch.create(randomInput(5, 24, 3, 1), new Shape(5, 24, 3));
      assertThat(model.forward(x, true).getShape()).isEqualTo(new Shape(5, 8, 3));
      assertThat(model.forward(x, false).getShape()).isEqualTo(new Shape(5, 8, 3));
      assertThat(model.network().getOutputShapes(new Shape[] {x.getShape()})[0])
          .isEqualTo(new Shape(5, 8, 3));
    }
  }

  @Test
  void rejectsInputOfWrongShape() {
    try (OLinearModel model = tinyModel(TINY, 1);
        NDManager batch = model.manager().newSubManager()) {
      NDArray x = batch.zeros(new Shape(2, 23, 3));
      assertThatThrownBy(() -> model.forward(x, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[B, 24, 3]");
    }
  }

  @Test
  void parameterCountMatchesSpecChecksums() {
    OLinearConfig etth1 = OLinearConfig.of(96, 96, 7, 512, 2, 0.2);
    OLinearConfig ettm2 = OLinearConfig.of(96, 96, 7, 512, 1, 0.2);
    assertThat(etth1.parameterCount()).isEqualTo(4_518_944L);
    assertThat(ettm2.parameterCount()).isEqualTo(3_466_223L);
    float[] q = OrthonormalBases.dct(96);
    try (OLinearModel model = OLinearModel.create(etth1, q, q, 3)) {
      assertThat(model.parameterCount()).isEqualTo(4_518_944L);
    }
    try (OLinearModel model = OLinearModel.create(ettm2, q, q, 3)) {
      assertThat(model.parameterCount()).isEqualTo(3_466_223L);
    }
    try (OLinearModel model = tinyModel(TINY, 1)) {
      assertThat(model.parameterCount()).isEqualTo(TINY.parameterCount());
    }
  }

  @Test
  void normLinRowsArePositiveAndSumToOne() {
    try (OLinearModel model = tinyModel(TINY, 7);
        NDManager batch = model.manager().newSubManager()) {
      NormLin normLin = model.network().layers().get(0).normLin();
      NDArray a =
          normLin.mixingMatrix(
              new ParameterStore(model.manager(), false), batch, batch.getDevice(), false);
      float[] values = a.toFloatArray();
      assertThat(a.getShape()).isEqualTo(new Shape(3, 3));
      for (int i = 0; i < 3; i++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
          assertThat(values[i * 3 + j]).isPositive();
          sum += values[i * 3 + j];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
      }
    }
  }

  @Test
  void revInDenormalizeInvertsNormalize() {
    RevIn revIn = new RevIn(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      revIn.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 24, 3));
      ParameterStore store = new ParameterStore(manager, false);
      float[] input = randomInput(2, 24, 3, 11);
      NDArray x = manager.create(input, new Shape(2, 24, 3));
      RevIn.Statistics stats = revIn.statistics(x);
      NDArray normalized = revIn.normalize(store, x, stats, false);
      // with w = 1, b = 0 the normalised series has mean 0 and (biased) variance ~1
      assertThat(normalized.mean(new int[] {1}).abs().max().getFloat()).isLessThan(1e-5f);
      assertThat(revIn.denormalize(store, normalized, stats, false).toFloatArray())
          .containsExactly(input, within(1e-5f));

      revIn.getParameters().get("affine_weight").getArray().set(new float[] {0.5f, 2f, -1.5f});
      revIn.getParameters().get("affine_bias").getArray().set(new float[] {0.3f, -0.7f, 1.1f});
      NDArray perturbed = revIn.normalize(store, x, stats, false);
      assertThat(perturbed.toFloatArray()).isNotEqualTo(normalized.toFloatArray());
      assertThat(revIn.denormalize(store, perturbed, stats, false).toFloatArray())
          .containsExactly(input, within(2e-5f));
    }
    revIn.getParameters().forEach(p -> p.getValue().close());
  }

  @Test
  void rankOneShortcutEqualsLiteralFlattenInOutputsAndGradients() {
    OLinearConfig shortcut = TINY;
    OLinearConfig literal = TINY.withRank1Shortcut(false);
    float[] input = randomInput(4, 24, 3, 5);
    try (OLinearModel a = tinyModel(shortcut, 42);
        OLinearModel b = tinyModel(literal, 42)) {
      // make δ1 non-zero so its term is exercised
      float[] delta = new float[3 * 24];
      for (int i = 0; i < delta.length; i++) {
        delta[i] = (float) Math.sin(i);
      }
      setParameter(a, "delta1", delta);
      setParameter(b, "delta1", delta);
      float[][] gradsA = new float[a.parameters().size()][];
      float[][] gradsB = new float[b.parameters().size()][];
      float[] outA = forwardBackward(a, input, gradsA);
      float[] outB = forwardBackward(b, input, gradsB);
      assertThat(outA).containsExactly(outB, within(1e-5f));
      for (int i = 0; i < gradsA.length; i++) {
        float scale = 1f;
        for (float g : gradsB[i]) {
          scale = Math.max(scale, Math.abs(g));
        }
        assertThat(gradsA[i])
            .as(a.parameterNames().get(i))
            .containsExactly(gradsB[i], within(1e-4f * scale));
      }
    }
  }

  private static void setParameter(OLinearModel model, String name, float[] values) {
    int index = model.parameterNames().indexOf(name);
    assertThat(index).as(name).isNotNegative();
    model.parameters().get(index).getArray().set(values);
  }

  private static float[] forwardBackward(OLinearModel model, float[] input, float[][] grads) {
    try (NDManager batch = model.manager().newSubManager()) {
      NDArray x = batch.create(input, new Shape(4, 24, 3));
      float[] out;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = model.forward(x, true);
        out = y.toFloatArray();
        collector.backward(y.square().mean());
      }
      for (int i = 0; i < grads.length; i++) {
        Parameter p = model.parameters().get(i);
        NDArray g = p.getArray().getGradient();
        g.attach(batch);
        grads[i] = g.toFloatArray();
      }
      return out;
    }
  }

  @Test
  void forwardAndBackwardLeaveNothingInTheModelManager() {
    try (OLinearModel model = tinyModel(TINY.withDropout(0.1), 9)) {
      float[][] grads = new float[model.parameters().size()][];
      forwardBackward(model, randomInput(4, 24, 3, 1), grads);
      model.predict(randomInput(2, 24, 3, 1), 2); // builds the (bounded) inference cache once
      int before = model.manager().getManagedArrays().size();
      for (int i = 0; i < 3; i++) {
        forwardBackward(model, randomInput(4, 24, 3, i), grads);
        model.predict(randomInput(2, 24, 3, i), 2);
      }
      assertThat(model.manager().getManagedArrays()).hasSize(before);
    }
  }
}
