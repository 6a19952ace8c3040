package io.forecast.attention.sink;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorSpec;
import java.util.List;

/**
 * Registry entries of the sink / switch / diagonal variants V1–V4 (spec §6.2). Logits, biases and β are
 * on the scale of the scores {@code S = Q·Kᵀ/√d}; every default is 0 (β "starts at 0" per the spec; a
 * null logit of 0 is the classic off-by-one softmax), and values outside ±1000 are refused (e^{±1000} is
 * already an exact switch in float64).
 */
public final class SinkVariants {
  private SinkVariants() {}

  /** Largest magnitude of a logit, bias or β. */
  static final double MAX_LOGIT = 1000;
  /** Largest magnitude of the sink token's value entries. */
  static final double MAX_VALUE = 1e6;

  /** {@code sink-token} (V1). */
  public static final OperatorSpec SINK_TOKEN = new OperatorSpec(SinkTokenAttention.NAME,
      "V1: a sink token seen by every query with a fixed logit and value vector value·1; its weight column is "
          + "dropped (visible rows sum to ≤ 1)",
      List.of(OperatorParameter.ofDouble("logit", 0, -MAX_LOGIT, MAX_LOGIT,
              "the sink token's logit against every query (scale of QKᵀ/√d)"),
          OperatorParameter.ofDouble("value", 0, -MAX_VALUE, MAX_VALUE,
              "every entry of the sink token's value vector; 0 is a no-op (null) sink, equal to null-sink")),
      p -> new SinkTokenAttention(p.getDouble("logit"), p.getDouble("value")),
      p -> new SinkTokenReference(p.getDouble("logit"), p.getDouble("value")));

  /** {@code null-sink} (V2). */
  public static final OperatorSpec NULL_SINK = new OperatorSpec(NullSinkAttention.NAME,
      "V2: off-by-one softmax, A_ij = e^S_ij / (e^b + Σ_k e^S_ik) with a zero-value null column; large b switches "
          + "the head off (O → 0), very negative b gives softmax",
      List.of(OperatorParameter.ofDouble("bias", 0, -MAX_LOGIT, MAX_LOGIT,
          "the null logit b (scale of QKᵀ/√d); 0 is the classic off-by-one softmax")),
      p -> new NullSinkAttention(p.getDouble("bias")), p -> new NullSinkReference(p.getDouble("bias")));

  /** {@code diagonal-bias} (V3). */
  public static final OperatorSpec DIAGONAL_BIAS = new OperatorSpec(DiagonalBiasAttention.NAME,
      "V3: A = softmax_row(QKᵀ/√d + β·I); large β gives A → I and O → V; self-attention only",
      List.of(OperatorParameter.ofDouble("bias", 0, -MAX_LOGIT, MAX_LOGIT,
          "the diagonal bias β added to S_ii (scale of QKᵀ/√d); 0 is softmax")),
      p -> new DiagonalBiasAttention(p.getDouble("bias")), p -> new DiagonalBiasReference(p.getDouble("bias")));

  /** {@code switch} (V4). */
  public static final OperatorSpec SWITCH = new OperatorSpec(SwitchAttention.NAME,
      "V4: softmax over [QKᵀ/√d + β·I ‖ b] with a zero value for the extra column: off (large b), self (large β) "
          + "or a mix; self-attention only",
      List.of(OperatorParameter.ofDouble("bias", 0, -MAX_LOGIT, MAX_LOGIT,
              "the null logit b of the zero-value column (as null-sink)"),
          OperatorParameter.ofDouble("diagonal", 0, -MAX_LOGIT, MAX_LOGIT,
              "the diagonal bias β added to S_ii (as diagonal-bias)")),
      p -> new SwitchAttention(p.getDouble("bias"), p.getDouble("diagonal")),
      p -> new SwitchReference(p.getDouble("bias"), p.getDouble("diagonal")));
}
