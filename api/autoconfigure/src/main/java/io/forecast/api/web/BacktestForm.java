package io.forecast.api.web;

import io.forecast.forecasting.service.BacktestRequest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The form fields of {@code POST /api/v1/backtests} (multipart, beside the {@code file} part): the
 * model as the training form says it, and the folds (see {@link
 * io.forecast.forecasting.backtest.BacktestPlan#of} for the defaults).
 *
 * @param modelType model type (default {@code olinear})
 * @param seqLen input length
 * @param predLen horizon of each forecast
 * @param settings the type's settings as a JSON object, e.g. {@code {"epochs": 1}}
 * @param seed random seed of every refit (default 2023)
 * @param split {@code auto} (default), {@code ett-hour}, {@code ett-minute} or {@code ratio}: places the
 *     default backtest range, the file's test split
 * @param target target column
 * @param timestampColumn timestamp column
 * @param missing {@code reject} (default), {@code keep} or {@code ffill}
 * @param intervals interval levels in percent to calibrate and score, e.g. {@code 80,95} (the
 *     default); {@code none} for none
 * @param window {@code expanding} (default) or {@code sliding}
 * @param windowRows training rows of a sliding window (default: the rows before the first origin)
 * @param firstOrigin first forecast row (0-based data row) of the first fold (default: the first test row)
 * @param step rows between origins (default: the horizon)
 * @param horizon forecast rows per fold, at least {@code predLen} (default: the range split evenly into
 *     {@code folds})
 * @param folds the most folds (default 5 when neither step nor horizon is given, else every fold that fits)
 * @param refitEvery refit at every k-th fold (1, the default: every fold; 0: only the first)
 * @param budgetSeconds training seconds after which later folds reuse the last model (default: no budget)
 * @param validationFraction share of each refit's training rows held out, in (0, 0.5] (default 0.125)
 */
public record BacktestForm(
    String modelType,
    @NotNull @Positive Integer seqLen,
    @NotNull @Positive Integer predLen,
    String settings,
    Long seed,
    String split,
    String target,
    String timestampColumn,
    String missing,
    String intervals,
    String window,
    @Positive Integer windowRows,
    @Min(1) Integer firstOrigin,
    @Positive Integer step,
    @Positive Integer horizon,
    @Positive Integer folds,
    @Min(0) Integer refitEvery,
    @Positive Double budgetSeconds,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("0.5") Double validationFraction) {

  /**
   * The service's request, {@code settings} and {@code intervals} parsed.
   *
   * @throws io.forecast.forecasting.InvalidSettingsException if {@code settings} is not a JSON object
   *     of scalars or {@code intervals} is not a list of levels
   */
  BacktestRequest toRequest() {
    return new BacktestRequest(modelType, seqLen, predLen, TrainingForm.parseSettings(settings), seed, split, target,
        timestampColumn, missing, TrainingForm.levels(intervals), window, windowRows, firstOrigin, step, horizon, folds,
        refitEvery, budgetSeconds, validationFraction);
  }
}
