package io.forecast.attention.delta;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.OperatorSpec;
import java.util.List;

/**
 * Registry entry of delta attention (spec §4) and its parameters.
 *
 * <p>Defaults are for forecasting token counts, not the official LLM ones (γ = 64, window 2048, 1024
 * sinks, dense tail of at least 128 queries): PatchTST has N = 42 patches (spec §8.1), where a window of
 * 8 (bidirectional: the 15 nearest patches) plus 1 sink keeps the sparse part at 16 of 42 keys, γ = 8 is
 * the middle column of the spec's accuracy table (§4.5), the tail minimum is 0 (spec §4.4, §8.2) and the
 * window is bidirectional because patch tokens of an encoder have no causal order (§8.2).
 */
public final class Delta {
  private Delta() {}

  /** Largest accepted window, sink count, γ and tail (far beyond any token count in use). */
  static final int MAX = 1_000_000;

  /** The parameters, in order. */
  public static final List<OperatorParameter> PARAMETERS = List.of(
      OperatorParameter.ofChoice("mode", DeltaAttention.Mode.DELTA.word(),
          List.of(DeltaAttention.Mode.DELTA.word(), DeltaAttention.Mode.SPARSE_ONLY.word()),
          "delta: sparse attention plus the correction Δ measured at one anchor query per γ and a dense tail; "
              + "sparse-only: the sliding window plus sinks alone"),
      OperatorParameter.ofInt("window", 8, 1, MAX,
          "sliding window w: query i sees keys j with i−w < j ≤ i (causal) or |i−j| < w (bidirectional); "
              + "official LLM value 2048"),
      OperatorParameter.ofInt("sinks", 1, 0, MAX,
          "sink tokens s: every query also sees the first s keys (causal: those not after it); official 1024"),
      OperatorParameter.ofInt("gamma", 8, 1, MAX,
          "stride γ: one dense anchor query per group of γ queries; γ = 1 gives full attention; official 64"),
      OperatorParameter.ofInt("tail", 0, 0, MAX,
          "minimum number of last queries computed densely (official 128, 0 for forecasting); the dense tail is "
              + "(N mod γ) + max(tail, γ) rounded up to whole groups of γ"),
      OperatorParameter.ofBoolean("causal", false,
          "causal attention (query i sees keys j ≤ i in the window, the sinks and the dense rows); "
              + "false: bidirectional window and dense rows"));

  /** {@code delta}. */
  public static final OperatorSpec SPEC = new OperatorSpec(DeltaAttention.NAME,
      "delta attention: sliding window + sink tokens, corrected by Δ = dense − sparse at every γ-th query "
          + "(anchors and the tail exactly dense); no single mixing matrix",
      PARAMETERS, p -> new DeltaAttention(config(p)), p -> new DeltaReference(config(p)));

  static DeltaConfig config(OperatorParams p) {
    return new DeltaConfig(DeltaAttention.Mode.of(p.getString("mode")), p.getInt("window"), p.getInt("sinks"),
        p.getInt("gamma"), p.getInt("tail"), p.getBoolean("causal"));
  }
}
