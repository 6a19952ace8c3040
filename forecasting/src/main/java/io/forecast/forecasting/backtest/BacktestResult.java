package io.forecast.forecasting.backtest;

import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import java.util.List;
import java.util.Map;

/**
 * A finished backtest with its provenance. Immutable; Jackson writes it as it is.
 *
 * @param modelType the backtested type
 * @param seqLen input length
 * @param predLen horizon of each forecast
 * @param settings the type's resolved settings (of the first fold's model)
 * @param seed training seed of every refit
 * @param intervalLevels requested interval levels in percent (empty: none)
 * @param validationFraction share of each refitted fold's training rows held out for validation
 * @param budgetSeconds the retraining budget, or {@code null}
 * @param plan the resolved range, window, step, horizon and refit policy
 * @param data the file (name, SHA-256, rows, columns) and its split rule, which placed the default range
 * @param folds the folds in origin order
 * @param aggregate every fold's windows pooled: overall, per column and per horizon step, on the
 *     original scale and on the z-scored scale of the first fold's model
 * @param aggregateIntervals the pooled interval metrics of the folds whose models have every level,
 *     on the same scales; {@code null} when none has
 * @param refits folds that refitted the model
 * @param trainingSeconds training wall time summed over the refits
 * @param wallSeconds wall time of the whole backtest
 * @param libraries library versions
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 */
public record BacktestResult(String modelType, int seqLen, int predLen, Map<String, Object> settings, long seed,
    List<Double> intervalLevels, double validationFraction, Double budgetSeconds, PlanSummary plan,
    DataProvenance data, List<BacktestFold> folds, ForecastMetrics aggregate, IntervalMetrics aggregateIntervals,
    int refits, double trainingSeconds, double wallSeconds, Map<String, String> libraries, String startedAt,
    String finishedAt) {
  public BacktestResult {
    intervalLevels = List.copyOf(intervalLevels);
    folds = List.copyOf(folds);
  }

  /**
   * The resolved fold parameters ({@link BacktestPlan} without its folds).
   *
   * @param rangeEnd end of the backtest range (exclusive)
   * @param window expanding or sliding
   * @param windowRows training rows of a sliding window (0 when expanding)
   * @param firstOrigin first fold's origin
   * @param step rows between origins
   * @param horizon forecast rows per fold
   * @param refitEvery 1 every fold, k every k-th, 0 only the first
   */
  public record PlanSummary(int rangeEnd, FoldPlan.Window window, int windowRows, int firstOrigin, int step,
      int horizon, int refitEvery) {
    static PlanSummary of(BacktestPlan p) {
      return new PlanSummary(p.rangeEnd(), p.window(), p.windowRows(), p.firstOrigin(), p.step(), p.horizon(),
          p.refitEvery());
    }
  }
}
