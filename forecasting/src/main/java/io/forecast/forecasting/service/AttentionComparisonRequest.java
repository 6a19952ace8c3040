package io.forecast.forecasting.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to compare in an attention-comparison job (see {@link
 * io.forecast.forecasting.variants.AttentionComparison}, the code path of {@code forecast
 * compare-attention}). Unset ({@code null}) values take the command's defaults.
 *
 * @param model the model type: {@code itransformer}, {@code patchtst} or {@code olinear}
 * @param variants the attention variants, each {@code NAME} or {@code NAME:KEY=VALUE[:KEY=VALUE…]}
 * @param seqLen input length ({@code null}: 96)
 * @param predLen horizon
 * @param seeds number of seeds 2023, 2024, … ({@code null}: 3)
 * @param protocol {@code A} (every variant trained from scratch) or {@code B} (softmax trained, each
 *     variant swapped in at inference); {@code null}: A
 * @param settings the type's settings, the same for every variant, by name, as text or JSON scalars
 *     (not the attention slot itself; {@code null}: the type's defaults)
 * @param split split rule ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}); {@code null}:
 *     auto
 * @param target target column, or {@code null} for the default
 * @param timestampColumn timestamp column, or {@code null} for the first
 * @param missing missing-value policy ({@code reject}, {@code keep}, {@code ffill}); {@code null}: reject
 * @param diagnosticWindows Protocol A: test windows probed for the diagnostics ({@code null}: 256)
 */
public record AttentionComparisonRequest(String model, List<String> variants, Integer seqLen, int predLen,
    Integer seeds, String protocol, Map<String, Object> settings, String split, String target,
    String timestampColumn, String missing, Integer diagnosticWindows) {
  /** Input length when none is given (the command's default). */
  public static final int DEFAULT_SEQ_LEN = 96;
  /** Seeds when none are given (the command's default). */
  public static final int DEFAULT_SEEDS = 3;

  public AttentionComparisonRequest {
    variants = variants == null ? List.of() : List.copyOf(variants);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }
}
