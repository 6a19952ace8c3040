package io.forecast.forecasting;

import io.forecast.forecasting.provenance.ModelProvenance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a fit went, for the model's provenance.
 *
 * @param curve one entry per completed epoch (empty for models fitted without training)
 * @param bestEpoch the epoch whose weights were kept (0 without training)
 * @param stopReason why training stopped ({@code COMPLETED}, {@code EARLY_STOPPED}, {@code CANCELLED},
 *     or {@code NOT_TRAINED})
 * @param details type-specific facts (e.g. how OLinear built its bases)
 */
public record TrainingReport(List<ModelProvenance.Epoch> curve, int bestEpoch, String stopReason,
    Map<String, Object> details) {
  public TrainingReport {
    curve = List.copyOf(curve);
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
  }

  /** The report of a model that has nothing to train. */
  public static TrainingReport untrained(Map<String, Object> details) {
    return new TrainingReport(List.of(), 0, "NOT_TRAINED", details);
  }
}
