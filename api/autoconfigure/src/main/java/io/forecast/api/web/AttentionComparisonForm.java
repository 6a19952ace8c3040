package io.forecast.api.web;

import io.forecast.forecasting.service.AttentionComparisonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Arrays;
import java.util.List;

/**
 * The form fields of {@code POST /api/v1/attention-comparisons} (multipart, beside the {@code file}
 * part): the options of {@code forecast compare-attention}.
 *
 * @param model model type: {@code itransformer}, {@code patchtst} or {@code olinear}
 * @param variants attention variants, comma-separated, each {@code NAME} or {@code NAME:KEY=VALUE[:KEY=VALUE]}
 * @param seqLen input length (default 96)
 * @param predLen horizon
 * @param seeds number of seeds 2023, 2024, … (default 3)
 * @param protocol {@code A} (default: every variant trained from scratch) or {@code B} (softmax trained,
 *     each variant swapped in at inference; itransformer and patchtst)
 * @param settings the type's settings, the same for every variant, as a JSON object, e.g.
 *     {@code {"epochs": 2}}
 * @param split {@code auto} (default), {@code ett-hour}, {@code ett-minute} or {@code ratio}
 * @param target target column
 * @param timestampColumn timestamp column
 * @param missing {@code reject} (default), {@code keep} or {@code ffill}
 * @param diagnosticWindows protocol A: test windows probed for the diagnostics (default 256)
 */
public record AttentionComparisonForm(
    @NotBlank String model,
    @NotBlank String variants,
    @Positive Integer seqLen,
    @NotNull @Positive Integer predLen,
    @Positive Integer seeds,
    String protocol,
    String settings,
    String split,
    String target,
    String timestampColumn,
    String missing,
    @Positive Integer diagnosticWindows) {

  /**
   * The service's request, {@code variants} split at commas and {@code settings} parsed.
   *
   * @throws io.forecast.forecasting.InvalidSettingsException if {@code settings} is not a JSON object of
   *     scalars
   */
  AttentionComparisonRequest toRequest() {
    List<String> list = Arrays.stream(variants.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    return new AttentionComparisonRequest(model.strip(), list, seqLen, predLen, seeds, protocol,
        TrainingForm.parseSettings(settings), split, target, timestampColumn, missing, diagnosticWindows);
  }
}
