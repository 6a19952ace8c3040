package io.forecast.attention.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import org.junit.jupiter.api.Test;

/** Per-head values: each head computes exactly what the registry operator with that head's value does. */
class PerHeadSinkAttentionTest {
  @Test
  void eachHeadMatchesTheFixedOperatorWithItsValue() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      NDArray q = m.randomNormal(new Shape(2, 2, 5, 3)).toType(DataType.FLOAT64, false);
      NDArray k = m.randomNormal(new Shape(2, 2, 5, 3)).toType(DataType.FLOAT64, false);
      NDArray v = m.randomNormal(new Shape(2, 2, 5, 4)).toType(DataType.FLOAT64, false);
      double[] b = {-0.7, 1.9};
      double[] beta = {2.5, -0.4};
      NDArray logits = m.create(b);
      NDArray betas = m.create(beta);
      for (String name : new String[] {"sink-token", "null-sink", "diagonal-bias", "switch"}) {
        NDArray out = PerHeadSinkAttention.of(name, logits, betas, 0.8).apply(q, k, v, null, true).output();
        for (int h = 0; h < 2; h++) {
          AttentionOperator fixed = switch (name) {
            case "sink-token" -> new SinkTokenAttention(b[h], 0.8);
            case "null-sink" -> new NullSinkAttention(b[h]);
            case "diagonal-bias" -> new DiagonalBiasAttention(beta[h]);
            default -> new SwitchAttention(b[h], beta[h]);
          };
          NDIndex head = new NDIndex(":, {}:{}", h, h + 1);
          NDArray expected = fixed.apply(q.get(head), k.get(head), v.get(head), null, false).output();
          double diff = out.get(head).sub(expected).abs().max().getDouble();
          assertThat(diff).as("%s head %d", name, h).isLessThan(1e-12);
        }
      }
      assertThatThrownBy(() -> PerHeadSinkAttention.of("softmax", logits, betas, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sink or diagonal variant");
      assertThatThrownBy(() -> PerHeadSinkAttention.of("switch", logits, null, 0))
          .hasMessageContaining("needs its per-head diagonal biases");
      assertThatThrownBy(() -> PerHeadSinkAttention.of("null-sink", m.create(new double[] {1, 2, 3}), null, 0)
          .apply(q, k, v, null, false)).hasMessageContaining("for 2 heads");
    }
  }
}
