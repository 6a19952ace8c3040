package io.forecast.forecasting.studies.cooccurrence;

import java.util.Objects;

/**
 * Whether one claim of the theorem held in a run.
 *
 * @param claim the claim, in words
 * @param holds whether it held
 * @param evidence the numbers it was judged on
 */
public record Verdict(String claim, boolean holds, String evidence) {
  public Verdict {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** The verdict as a JSON-ready map: claim, verdict ({@link #status()}), evidence. */
  public java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("claim", claim);
    m.put("verdict", status());
    m.put("evidence", evidence);
    return m;
  }

  /** {@code holds} or {@code does not hold}. */
  public String status() {
    return holds ? "holds" : "does not hold";
  }
}
