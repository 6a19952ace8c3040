package io.forecast.attention.softmax;

import io.forecast.attention.OperatorSpec;
import java.util.List;

/** Registry entry of softmax attention (no parameters). */
public final class Softmax {
  private Softmax() {}

  /** {@code softmax}: no parameters. */
  public static final OperatorSpec SPEC = new OperatorSpec(SoftmaxAttention.NAME,
      "scaled dot-product softmax attention: A = softmax_row(QKᵀ/√d), rows sum to 1", List.of(),
      p -> new SoftmaxAttention(), p -> new SoftmaxReference());
}
