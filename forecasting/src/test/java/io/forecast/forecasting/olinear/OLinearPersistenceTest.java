package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OLinearPersistenceTest {
  private static final OLinearConfig CONFIG = new OLinearConfig(24, 8, 3, 4, 32, 48, 2, 0.1, true);

  private static OLinearModel model(OLinearConfig config, long seed) {
    return OLinearModel.create(
        config, OrthonormalBases.dct(config.seqLen()), OrthonormalBases.dct(config.predLen()), seed);
  }

  @Test
  void saveThenLoadReproducesPredictionsBitForBit() throws IOException {
    float[] input = OLinearNetworkTest.randomInput(6, 24, 3, 21);
    byte[] bytes;
    float[] expected;
    try (OLinearModel source = model(CONFIG, 1)) {
      // move δ1/δ2/RevIN away from their constant initial values
      float[][] values = source.snapshot();
      for (float[] v : values) {
        for (int i = 0; i < v.length; i++) {
          v[i] += 0.01f * (float) Math.sin(i + v.length);
        }
      }
      source.restore(values);
      float[][] restored = source.snapshot();
      for (int i = 0; i < values.length; i++) {
        assertThat(restored[i]).as(source.parameterNames().get(i)).isEqualTo(values[i]);
      }
      expected = source.predict(input, 6);
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(buffer)) {
        source.saveParameters(out);
      }
      bytes = buffer.toByteArray();
    }
    try (OLinearModel target = model(CONFIG, 99)) {
      assertThat(target.predict(input, 6)).isNotEqualTo(expected);
      target.loadParameters(new DataInputStream(new ByteArrayInputStream(bytes)));
      assertThat(target.predict(input, 6)).isEqualTo(expected);
    }
    try (OLinearModel other = model(CONFIG.withDFf(32), 1)) {
      assertThatThrownBy(
              () -> other.loadParameters(new DataInputStream(new ByteArrayInputStream(bytes))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("different architecture");
    }
  }
}
