package io.forecast.forecasting.pipeline;

import io.forecast.data.SplitRule;
import io.forecast.forecasting.conformal.ConformalCalibration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param intervalLevels levels in percent of the split-conformal prediction intervals calibrated on
 *     the validation split ({@code null}: {@link ConformalCalibration#DEFAULT_LEVELS}, 80 and 95;
 *     empty: none)
 */
public record TrainingSpec(String modelType, int seqLen, int predLen, SplitRule split, Map<String, ?> settings,
    List<Double> intervalLevels) {
  /** A spec calibrating the default interval levels (80 and 95). */
  public TrainingSpec(String modelType, int seqLen, int predLen, SplitRule split, Map<String, ?> settings) {
    this(modelType, seqLen, predLen, split, settings, null);
  }

  public TrainingSpec {
    Objects.requireNonNull(modelType, "modelType");
    intervalLevels = ConformalCalibration.checkLevels(intervalLevels == null ? ConformalCalibration.DEFAULT_LEVELS
        : intervalLevels);
    split = split == null ? SplitRule.AUTO : split;
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }
}
