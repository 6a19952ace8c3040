package io.forecast.attention;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * What an {@link AttentionOperator} returns: the output {@code O [.., N, dv]} and, when asked for and
 * available, the mixing matrix {@code A [.., N, M]} with {@code O = A·V} ({@code null} otherwise).
 */
public record AttentionResult(NDArray output, NDArray weights) {
  public AttentionResult {
    Objects.requireNonNull(output, "output");
  }

  /** A result without a mixing matrix. */
  public static AttentionResult of(NDArray output) {
    return new AttentionResult(output, null);
  }
}
