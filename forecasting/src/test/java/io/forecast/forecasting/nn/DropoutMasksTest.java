package io.forecast.forecasting.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * {@link DropoutMasks}: the masks follow the documented rule (checked against the rule written out
 * here on a plain {@link SplittableRandom}), the drop rate, the gradient, the scoping per thread,
 * and bad rates.
 */
class DropoutMasksTest {

  /** The documented rule: entry i dropped when half (i mod 2) of the ⌊i/2⌋-th long is below round(p·2³²). */
  private static float[] expectedMask(long seed, int skipElements, int n, float rate) {
    SplittableRandom random = new SplittableRandom(seed);
    long threshold = Math.round(rate * 4294967296.0);
    float keep = 1f / (1f - rate);
    float[] out = new float[n];
    long bits = 0;
    for (int i = 0; i < skipElements + n; i++) {
      // every mask starts on a fresh long, as documented: skipElements is even here
      if (i % 2 == 0) {
        bits = random.nextLong();
      }
      long half = i % 2 == 0 ? bits >>> 32 : bits & 0xffff_ffffL;
      if (i >= skipElements) {
        out[i - skipElements] = half < threshold ? 0f : keep;
      }
    }
    return out;
  }

  @Test
  void masksFollowTheDocumentedRuleAcrossChunksAndCalls() {
    float rate = 0.3f;
    int first = 3 * 4096 + 1000; // several chunks; even
    int second = 5 * 7; // odd: the last long's low half is unused
    try (NDManager m = NativeEngine.get().newBaseManager();
        DropoutMasks.Scope scope = DropoutMasks.seeded(42)) {
      NDArray a = DropoutMasks.apply(m.ones(new Shape(first)), rate);
      NDArray b = DropoutMasks.apply(m.ones(new Shape(5, 7, 1)), rate);
      NDArray c = DropoutMasks.apply(m.ones(new Shape(4)), rate);
      // a is read after b and c were drawn: the reused staging buffer did not overwrite it
      assertThat(a.toFloatArray()).containsExactly(expectedMask(42, 0, first, rate));
      assertThat(b.toFloatArray()).containsExactly(expectedMask(42, first, second, rate));
      assertThat(b.getShape()).isEqualTo(new Shape(5, 7, 1));
      assertThat(c.toFloatArray()).containsExactly(expectedMask(42, first + second + 1, 4, rate));
    }
  }

  @Test
  void dropRateAndKeptScaleMatchTheRate() {
    int n = 400_000;
    for (float rate : new float[] {0.05f, 0.1f, 0.5f}) {
      try (NDManager m = NativeEngine.get().newBaseManager();
          DropoutMasks.Scope scope = DropoutMasks.seeded(7)) {
        NDArray x = m.arange(1f, n + 1f);
        float[] y = DropoutMasks.apply(x, rate).toFloatArray();
        int dropped = 0;
        for (int i = 0; i < n; i++) {
          if (y[i] == 0f) {
            dropped++;
          } else {
            assertThat(y[i]).isEqualTo((i + 1f) * (1f / (1f - rate)));
          }
        }
        double sigma = Math.sqrt(n * rate * (1 - rate));
        assertThat((double) dropped).as("dropped at rate " + rate).isCloseTo(n * rate, offset(5 * sigma));
      }
    }
  }

  @Test
  void gradientIsTheMask() {
    try (NDManager m = NativeEngine.get().newBaseManager();
        DropoutMasks.Scope scope = DropoutMasks.seeded(3)) {
      NDArray x = m.randomUniform(1f, 2f, new Shape(6, 50));
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector collector = NativeEngine.get().newGradientCollector()) {
        y = DropoutMasks.apply(x, 0.25f);
        collector.backward(y.sum());
      }
      float[] mask = y.div(x).toFloatArray();
      float[] grad = x.getGradient().toFloatArray();
      for (int i = 0; i < grad.length; i++) {
        assertThat(grad[i]).isCloseTo(mask[i], offset(1e-5f));
        assertThat(grad[i]).isIn(0f, 1f / 0.75f);
      }
    }
  }

  @Test
  void sameSeedSameMasksAndClosingRestoresTheOuterStream() {
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray ones = m.ones(new Shape(1000));
      float[] outerFirst;
      float[] outerSecond;
      float[] inner;
      try (DropoutMasks.Scope outer = DropoutMasks.seeded(11)) {
        outerFirst = DropoutMasks.apply(ones, 0.5f).toFloatArray();
        try (DropoutMasks.Scope nested = DropoutMasks.seeded(12)) {
          inner = DropoutMasks.apply(ones, 0.5f).toFloatArray();
        }
        outerSecond = DropoutMasks.apply(ones, 0.5f).toFloatArray();
      }
      assertThat(outerFirst).containsExactly(expectedMask(11, 0, 1000, 0.5f));
      assertThat(inner).containsExactly(expectedMask(12, 0, 1000, 0.5f));
      assertThat(outerSecond).as("the outer stream continues where it was").containsExactly(expectedMask(11, 1000, 1000, 0.5f));
      assertThat(inner).isNotEqualTo(outerFirst);
    }
  }

  @Test
  void aScopeOnOneThreadLeavesAnotherThreadsStreamAlone() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (NDManager m = NativeEngine.get().newBaseManager();
        DropoutMasks.Scope scope = DropoutMasks.seeded(99)) {
      float[] there =
          other.submit(() -> {
                try (NDManager local = NativeEngine.get().newBaseManager()) {
                  return DropoutMasks.apply(local.ones(new Shape(64)), 0.5f).toFloatArray();
                }
              })
              .get();
      assertThat(there).containsExactly(expectedMask(DropoutMasks.DEFAULT_SEED, 0, 64, 0.5f));
      assertThat(DropoutMasks.apply(m.ones(new Shape(64)), 0.5f).toFloatArray())
          .containsExactly(expectedMask(99, 0, 64, 0.5f));
    } finally {
      other.shutdown();
    }
  }

  @Test
  void rateZeroIsTheIdentityAndTheResultLivesInTheInputsManager() {
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray x = m.ones(new Shape(3));
      assertThat(DropoutMasks.apply(x, 0f)).isSameAs(x);
      try (NDManager batch = m.newSubManager()) {
        NDArray local = batch.ones(new Shape(8));
        int before = batch.getManagedArrays().size();
        NDArray y = DropoutMasks.apply(local, 0.5f);
        assertThat(y.getManager()).isSameAs(batch);
        assertThat(batch.getManagedArrays()).as("the mask and the product").hasSize(before + 2);
      }
      assertThat(m.getManagedArrays()).as("nothing landed in the outer manager").hasSize(1);
    }
  }

  @Test
  void badRatesAndTypesAreRefusedByName() {
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray x = m.ones(new Shape(3));
      for (float rate : new float[] {1f, -0.1f, Float.NaN}) {
        assertThatThrownBy(() -> DropoutMasks.apply(x, rate))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dropout rate must be in [0, 1)");
      }
      assertThatThrownBy(() -> DropoutMasks.apply(x.toType(DataType.FLOAT64, false), 0.5f))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("float32");
    }
  }
}
