package io.forecast.forecasting.backtest;

import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import java.util.List;

/**
 * A {@link BacktestSpec} resolved against a file: the backtest range, the fold parameters and the
 * folds. Immutable.
 *
 * <p>Defaults: the range runs from the first test row of the file's split rule (the spec's) to the end
 * of its test split (ETT rules leave later rows unused); the first origin is the range's start; with
 * neither step nor horizon given, the range is cut into {@code folds} (default 5) equal, adjacent
 * folds (horizon = step = range / folds, the remainder unused at the end); with one of them given, the
 * other equals it; a sliding window keeps the rows before the first origin. Every refitted fold's
 * training rows must hold a training window after the validation share is held out: checked here for
 * every fold, before anything is trained.
 *
 * @param split the file's split by the spec's rule (it places the default range)
 * @param rangeEnd end of the backtest range (exclusive); no fold reads a row at or after it
 * @param window expanding or sliding
 * @param windowRows training rows of a sliding window (0 when expanding)
 * @param firstOrigin first fold's origin
 * @param step rows between origins
 * @param horizon forecast rows per fold; each fold scores {@code horizon − predLen + 1} windows
 * @param refitEvery the refit policy (1 every fold, k every k-th, 0 only the first)
 * @param folds the planned folds
 */
public record BacktestPlan(SplitBoundaries split, int rangeEnd, FoldPlan.Window window, int windowRows, int firstOrigin, int step,
    int horizon, int refitEvery, List<FoldPlan.Fold> folds) {
  public BacktestPlan {
    folds = List.copyOf(folds);
  }

  /**
   * Resolves a spec against a file.
   *
   * @throws InvalidSettingsException naming the setting when no fold fits, a horizon is shorter than
   *     pred_len, or a fold's training rows are too few
   * @throws io.forecast.data.SeriesTooShortException if the file is too short for its split rule
   */
  public static BacktestPlan of(BacktestSpec spec, TimeSeriesFrame frame) {
    int seqLen = spec.training().seqLen();
    int predLen = spec.training().predLen();
    ForecastPipeline.checkLengths(seqLen, predLen);
    SplitBoundaries split = SplitBoundaries.of(spec.training().split(), frame.source(), frame.rows());
    int end = split.testEnd();
    int first = spec.firstOrigin() != null ? spec.firstOrigin() : split.valEnd();
    if (first >= end) {
      throw new InvalidSettingsException("the first origin (row " + first + ") must be before the end of the "
          + "backtest range (row " + end + " of " + frame.source() + ")");
    }
    Integer step = spec.step();
    Integer horizon = spec.horizon();
    Integer folds = spec.folds();
    if (step == null && horizon == null) {
      int count = folds == null ? BacktestSpec.DEFAULT_FOLDS : folds;
      int size = (end - first) / count;
      if (size < predLen) {
        throw new InvalidSettingsException("the backtest range rows [" + first + ", " + end + ") cut into " + count
            + " folds leaves " + size + " rows per fold, fewer than pred_len " + predLen + "; use fewer folds or "
            + "an earlier first origin");
      }
      step = size;
      horizon = size;
    } else if (step == null) {
      step = horizon;
    } else if (horizon == null) {
      horizon = Math.max(step, predLen);
    }
    if (horizon < predLen) {
      throw new InvalidSettingsException("the horizon (" + horizon + " rows per fold) must be at least pred_len ("
          + predLen + ")");
    }
    int windowRows = spec.window() == FoldPlan.Window.SLIDING
        ? (spec.windowRows() != null ? spec.windowRows() : first) : 0;
    FoldPlan plan;
    try {
      plan = FoldPlan.plan(end, spec.window(), windowRows, first, step, horizon, spec.refitEvery());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(e.getMessage() + " (backtest range ends at row " + end + ")");
    }
    List<FoldPlan.Fold> planned = plan.folds();
    if (folds != null && planned.size() > folds) {
      planned = planned.subList(0, folds);
    }
    if (planned.size() > BacktestSpec.MAX_FOLDS) {
      throw new InvalidSettingsException(planned.size() + " folds planned, more than " + BacktestSpec.MAX_FOLDS
          + "; use a larger step or --folds");
    }
    for (FoldPlan.Fold f : planned) {
      if (f.refit()) {
        FoldRows rows = FoldRows.of(f, seqLen, predLen, spec.validationFraction());
        if (rows.trainRows() < seqLen + predLen) {
          throw new InvalidSettingsException("fold " + f.index() + " (origin row " + f.origin() + ") has "
              + (f.origin() - f.trainStart()) + " training rows; after " + rows.validationRows()
              + " validation rows, " + rows.trainRows() + " are left, fewer than seq_len + pred_len = "
              + (seqLen + predLen) + "; use a later first origin or a longer sliding window");
        }
      }
    }
    return new BacktestPlan(split, end, spec.window(), windowRows, first, step, horizon, spec.refitEvery(), planned);
  }

  /**
   * How a refitted fold's training rows {@code [trainStart, origin)} are split.
   *
   * @param trainRows rows the model is fitted on (scaler, basis, weights): the first ones
   * @param validationRows the last ones, for early stopping and the conformal calibration
   */
  record FoldRows(int trainRows, int validationRows) {
    static FoldRows of(FoldPlan.Fold f, int seqLen, int predLen, double validationFraction) {
      int rows = f.origin() - f.trainStart();
      int validation = Math.max(predLen, (int) Math.round(rows * validationFraction));
      return new FoldRows(rows - validation, validation);
    }
  }
}
