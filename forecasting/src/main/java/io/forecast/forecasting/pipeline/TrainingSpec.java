package io.forecast.forecasting.pipeline;

import io.forecast.data.SplitRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to train, as the CLI's {@code train} and the REST training request both say it.
 *
 * @param modelType a registered type name ({@code olinear}, {@code dlinear}, ...)
 * @param seqLen input length
 * @param predLen horizon
 * @param split the split rule
 * @param settings the type's settings by name, as text or JSON scalars (checked against the type)
 */
public record TrainingSpec(String modelType, int seqLen, int predLen, SplitRule split, Map<String, ?> settings) {
  public TrainingSpec {
    Objects.requireNonNull(modelType, "modelType");
    split = split == null ? SplitRule.AUTO : split;
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }
}
