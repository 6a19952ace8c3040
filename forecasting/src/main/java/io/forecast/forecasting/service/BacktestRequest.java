package io.forecast.forecasting.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to backtest (see {@link io.forecast.forecasting.backtest.Backtest}): the model as a training
 * request says it, and the folds. Unset ({@code null}) fold values take the defaults of {@link
 * io.forecast.forecasting.backtest.BacktestPlan#of}.
 *
 * @param modelType a registered type name; {@code null} means {@code olinear}
 * @param seqLen input length
 * @param predLen horizon of each forecast
 * @param settings the type's settings by name, as text or JSON scalars ({@code null}: all defaults)
 * @param seed random seed of every refit ({@code null}: 2023)
 * @param split split rule ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}), which
 *     places the default backtest range (the test split); {@code null} means auto
 * @param target target column, or {@code null} for the default
 * @param timestampColumn timestamp column, or {@code null} for the first
 * @param missing missing-value policy ({@code reject}, {@code keep}, {@code ffill}); {@code null} means reject
 * @param intervals levels in percent of the prediction intervals to calibrate and score ({@code null}:
 *     80 and 95; empty: none)
 * @param window {@code expanding} ({@code null}) or {@code sliding} training window
 * @param windowRows training rows of a sliding window ({@code null}: the rows before the first origin)
 * @param firstOrigin first forecast row of the first fold ({@code null}: the first test row)
 * @param step rows between origins ({@code null}: the horizon)
 * @param horizon forecast rows per fold, at least predLen ({@code null}: the range split evenly into folds)
 * @param folds the most folds to run ({@code null}: 5 when neither step nor horizon is given, else
 *     every fold that fits)
 * @param refitEvery refit at every k-th fold (1: every fold, the default for {@code null}; 0: only the first)
 * @param budgetSeconds training seconds after which no further fold is refitted ({@code null}: none)
 * @param validationFraction share of each refitted fold's training rows held out ({@code null}: 0.125)
 */
public record BacktestRequest(String modelType, int seqLen, int predLen, Map<String, Object> settings, Long seed,
    String split, String target, String timestampColumn, String missing, List<Double> intervals, String window,
    Integer windowRows, Integer firstOrigin, Integer step, Integer horizon, Integer folds, Integer refitEvery,
    Double budgetSeconds, Double validationFraction) {
  public BacktestRequest {
    modelType = modelType == null || modelType.isBlank() ? TrainingRequest.DEFAULT_TYPE : modelType.trim();
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }

  /** A request with the type's default settings, split, columns, intervals and folds. */
  public static BacktestRequest of(String modelType, int seqLen, int predLen, Map<String, Object> settings) {
    return new BacktestRequest(modelType, seqLen, predLen, settings, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }
}
