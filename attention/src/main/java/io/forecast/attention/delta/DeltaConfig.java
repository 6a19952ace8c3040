package io.forecast.attention.delta;

import io.forecast.attention.InvalidOperatorParameterException;
import java.util.Objects;

/**
 * The checked settings of delta attention (see {@link Delta} for their meaning and defaults).
 *
 * @param mode delta or sparse-only
 * @param window sliding window w ≥ 1
 * @param sinks number of sink tokens s ≥ 0
 * @param gamma anchor stride γ ≥ 1
 * @param tail minimum dense tail ≥ 0
 * @param causal causal or bidirectional
 */
public record DeltaConfig(DeltaAttention.Mode mode, int window, int sinks, int gamma, int tail, boolean causal) {
  public DeltaConfig {
    Objects.requireNonNull(mode, "mode");
    if (window < 1 || sinks < 0 || gamma < 1 || tail < 0) {
      throw new InvalidOperatorParameterException("attention operator 'delta': window and gamma must be at least 1, "
          + "sinks and tail at least 0, got window " + window + ", sinks " + sinks + ", gamma " + gamma + ", tail "
          + tail);
    }
  }

  /** Number of leading queries that take the Δ correction; the queries from there on are dense. */
  int sparseQueries(int n) {
    long groupsInTail = ((long) Math.max(tail, gamma) + gamma - 1) / gamma;
    long tailLength = n % gamma + groupsInTail * gamma;
    return (int) Math.max(0, n - tailLength);
  }
}
