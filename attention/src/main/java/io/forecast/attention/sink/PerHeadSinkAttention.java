package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * The variants V1–V4 (spec §6.2) with one logit b_h and / or one diagonal bias β_h per head, given as
 * arrays {@code [H]} so that a block can train them (spec: "per head logit b_h", "β_h starts at 0"); the
 * computation is the registry operators' ({@code sink-token}, {@code null-sink}, {@code diagonal-bias},
 * {@code switch}), which hold one fixed value for every head. Not in the registry: its parameters are
 * arrays, not settings.
 */
public final class PerHeadSinkAttention implements AttentionOperator {
  private final String name;
  private final NDArray logits;
  private final double sinkValue;
  private final NDArray diagonal;

  private PerHeadSinkAttention(String name, NDArray logits, double sinkValue, NDArray diagonal) {
    this.name = name;
    this.logits = logits;
    this.sinkValue = sinkValue;
    this.diagonal = diagonal;
  }

  /**
   * The variant {@code registryName} with per-head arrays.
   *
   * @param registryName {@code sink-token}, {@code null-sink}, {@code diagonal-bias} or {@code switch}
   * @param logits b_h {@code [H]} (V1, V2, V4; ignored otherwise)
   * @param diagonal β_h {@code [H]} (V3, V4; ignored otherwise)
   * @param sinkValue every entry of V1's sink value vector (ignored otherwise)
   * @throws IllegalArgumentException for another name or a missing array
   */
  public static PerHeadSinkAttention of(String registryName, NDArray logits, NDArray diagonal, double sinkValue) {
    boolean sink = switch (registryName) {
      case SinkTokenAttention.NAME, NullSinkAttention.NAME, SwitchAttention.NAME -> true;
      case DiagonalBiasAttention.NAME -> false;
      default -> throw new IllegalArgumentException("'" + registryName + "' is not a sink or diagonal variant; "
          + "expected sink-token, null-sink, diagonal-bias or switch");
    };
    boolean diag = registryName.equals(DiagonalBiasAttention.NAME) || registryName.equals(SwitchAttention.NAME);
    if ((sink && logits == null) || (diag && diagonal == null)) {
      throw new IllegalArgumentException("'" + registryName + "' needs its per-head " + (sink && logits == null
          ? "logits" : "diagonal biases"));
    }
    return new PerHeadSinkAttention(registryName, sink ? logits : null,
        registryName.equals(SinkTokenAttention.NAME) ? sinkValue : 0, diag ? diagonal : null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    long heads = q.getShape().get(q.getShape().dimension() - 3);
    return SinkOps.attend(name, q, k, v, keep, withWeights, perHead(logits, heads), sinkValue,
        perHead(diagonal, heads));
  }

  /** {@code [H]} as {@code [H, 1, 1]}, checked against the heads of q. */
  private NDArray perHead(NDArray values, long heads) {
    if (values == null) {
      return null;
    }
    if (values.getShape().dimension() != 1 || values.getShape().get(0) != heads) {
      throw new IllegalArgumentException("'" + name + "' has " + values.getShape() + " per-head values for " + heads
          + " heads");
    }
    return values.reshape(heads, 1, 1);
  }
}
