package io.forecast.forecasting.service;

import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.provenance.ModelProvenance;
import java.util.Map;

/**
 * Everything the store knows about a model without loading its weights.
 *
 * @param id the model id
 * @param card what the model expects and produces
 * @param settings the model's settings as written in {@code model.json}
 * @param provenance data, settings, seed, versions, curve and test metrics ({@code null} if the
 *     model has no readable {@code provenance.json})
 * @param intervals the split-conformal calibration's summary (validation windows used, stride,
 *     calibrated and refused levels, test coverage), or {@code null} when the model has no
 *     {@code conformal.json}
 */
public record ModelDescription(String id, ModelCard card, Map<String, Object> settings, ModelProvenance provenance,
    Map<String, Object> intervals) {
  /** A description without interval calibration. */
  public ModelDescription(String id, ModelCard card, Map<String, Object> settings, ModelProvenance provenance) {
    this(id, card, settings, provenance, null);
  }

  public ModelDescription {
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }
}
