package io.forecast.forecasting.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The folds of a rolling-origin backtest over {@code rows} rows. Fold {@code i} forecasts from origin
 * {@code o_i = firstOrigin + i·step} the rows {@code [o_i, o_i + horizon)}; folds continue while the
 * horizon fits in the series. Its training rows are {@code [0, o_i)} (expanding) or
 * {@code [o_i − window, o_i)} (sliding). A fold refits the model (scaler and, for OLinear, the
 * OrthoTrans basis included, since they are fitted from the training rows) according to the policy;
 * otherwise it reuses the model of the last refitted fold, whose training rows end at or before its
 * own origin: no fold's model has seen a row at or after the origin it forecasts from.
 *
 * @param folds the folds in origin order
 */
public record FoldPlan(List<Fold> folds) {
  /** How the training window moves with the origin. */
  public enum Window { EXPANDING, SLIDING }

  /**
   * One fold.
   *
   * @param index 0-based
   * @param trainStart first training row of this fold (inclusive)
   * @param origin first forecast row; the training rows end here (exclusive)
   * @param testEnd end of the forecast rows (exclusive): {@code origin + horizon}
   * @param refit whether the model is fitted at this fold
   * @param modelTrainStart first training row of the model this fold uses
   * @param modelTrainEnd end (exclusive) of the training rows of the model this fold uses, ≤ origin
   */
  public record Fold(int index, int trainStart, int origin, int testEnd, boolean refit, int modelTrainStart,
      int modelTrainEnd) {}

  public FoldPlan {
    folds = List.copyOf(folds);
  }

  /**
   * Plans the folds.
   *
   * @param rows rows of the series
   * @param window expanding or sliding
   * @param windowRows training rows of a sliding window (ignored when expanding)
   * @param firstOrigin origin of the first fold (≥ 1; with a sliding window ≥ windowRows)
   * @param step rows between origins, ≥ 1
   * @param horizon forecast rows per fold, ≥ 1
   * @param refitEvery refit at every k-th fold (1: every fold; 0: only the first, never again)
   * @throws IllegalArgumentException naming the setting that is out of range, or when no fold fits
   */
  public static FoldPlan plan(int rows, Window window, int windowRows, int firstOrigin, int step, int horizon,
      int refitEvery) {
    Objects.requireNonNull(window, "window");
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, got " + step);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (refitEvery < 0) {
      throw new IllegalArgumentException("refit-every must be 0 (only the first fold) or at least 1, got " + refitEvery);
    }
    if (firstOrigin < 1) {
      throw new IllegalArgumentException("the first origin must leave at least one training row, got " + firstOrigin);
    }
    if (window == Window.SLIDING && (windowRows < 1 || windowRows > firstOrigin)) {
      throw new IllegalArgumentException("a sliding window needs 1 … first origin (" + firstOrigin
          + ") training rows, got " + windowRows);
    }
    if (firstOrigin + horizon > rows) {
      throw new IllegalArgumentException("no fold fits: the first origin " + firstOrigin + " plus the horizon "
          + horizon + " passes the " + rows + " rows of the series");
    }
    List<Fold> folds = new ArrayList<>();
    int modelStart = -1;
    int modelEnd = -1;
    for (int i = 0, origin = firstOrigin; origin + horizon <= rows; i++, origin += step) {
      int start = window == Window.EXPANDING ? 0 : origin - windowRows;
      boolean refit = i == 0 || (refitEvery > 0 && i % refitEvery == 0);
      if (refit) {
        modelStart = start;
        modelEnd = origin;
      }
      folds.add(new Fold(i, start, origin, origin + horizon, refit, modelStart, modelEnd));
      if (origin > Integer.MAX_VALUE - step) {
        break;
      }
    }
    return new FoldPlan(folds);
  }
}
