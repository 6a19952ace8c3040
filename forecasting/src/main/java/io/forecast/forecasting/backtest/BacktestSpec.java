package io.forecast.forecasting.backtest;

import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.util.Objects;

/**
 * What to backtest, as the CLI's {@code backtest} and the REST backtest request both say it. Unset
 * ({@code null}) values take the defaults {@link BacktestPlan#of} documents.
 *
 * @param training model type, lengths, settings and interval levels; its split rule places the default
 *     backtest range (the file's test split)
 * @param window expanding or sliding training window
 * @param windowRows training rows of a sliding window ({@code null}: the rows before the first origin)
 * @param firstOrigin first forecast row of the first fold ({@code null}: the first test row)
 * @param step rows between origins ({@code null}: the horizon)
 * @param horizon forecast rows per fold, at least pred_len ({@code null}: the backtest range split
 *     evenly into {@code folds})
 * @param folds the most folds to run ({@code null}: {@link #DEFAULT_FOLDS} when neither step nor
 *     horizon is given, else every fold that fits)
 * @param refitEvery refit the model at every k-th fold (1: every fold; 0: only at the first)
 * @param budgetSeconds training seconds after which no further fold is refitted (later folds reuse the
 *     last model); {@code null}: no budget
 * @param validationFraction share of each refitted fold's training rows held out (at its end) for early
 *     stopping and the conformal calibration, in (0, 0.5]; at least pred_len rows
 */
public record BacktestSpec(TrainingSpec training, FoldPlan.Window window, Integer windowRows, Integer firstOrigin,
    Integer step, Integer horizon, Integer folds, int refitEvery, Double budgetSeconds, double validationFraction) {
  /** Folds when neither step nor horizon is given. */
  public static final int DEFAULT_FOLDS = 5;
  /** The validation share of the standard 7:1:2 ratio split (1 of 8 training-or-validation rows). */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.125;
  /** The most folds a backtest may plan. */
  public static final int MAX_FOLDS = 1_000;

  public BacktestSpec {
    Objects.requireNonNull(training, "training");
    window = window == null ? FoldPlan.Window.EXPANDING : window;
    positive("window-rows", windowRows);
    if (firstOrigin != null && firstOrigin < 1) {
      throw new InvalidSettingsException("first-origin must be a row number of at least 1, got " + firstOrigin);
    }
    positive("step", step);
    positive("horizon", horizon);
    positive("folds", folds);
    if (folds != null && folds > MAX_FOLDS) {
      throw new InvalidSettingsException("folds must be at most " + MAX_FOLDS + ", got " + folds);
    }
    if (refitEvery < 0) {
      throw new InvalidSettingsException("refit-every must be 0 (only the first fold) or at least 1, got "
          + refitEvery);
    }
    if (budgetSeconds != null && !(budgetSeconds > 0 && budgetSeconds < Double.POSITIVE_INFINITY)) {
      throw new InvalidSettingsException("the retraining budget must be a positive number of seconds, got "
          + budgetSeconds);
    }
    if (!(validationFraction > 0 && validationFraction <= 0.5)) {
      throw new InvalidSettingsException("the validation fraction must be in (0, 0.5], got " + validationFraction);
    }
  }

  /** Expanding window, default range and folds, refit at every fold, no budget. */
  public static BacktestSpec of(TrainingSpec training) {
    return new BacktestSpec(training, FoldPlan.Window.EXPANDING, null, null, null, null, null, 1, null,
        DEFAULT_VALIDATION_FRACTION);
  }

  private static void positive(String name, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidSettingsException(name + " must be at least 1, got " + value);
    }
  }
}
