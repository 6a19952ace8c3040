package io.forecast.forecasting.backtest;

/**
 * Receives a backtest's progress fold by fold (a progress bar, a job's status), on the backtest's
 * thread. Each refitted fold's training also reports epochs through the run's
 * {@link io.forecast.forecasting.TrainingProgress}.
 */
public interface BacktestProgress {
  /** Ignores everything. */
  BacktestProgress NONE = new BacktestProgress() {};

  /**
   * Called once the folds are planned, before the first is trained.
   *
   * @param folds number of folds
   */
  default void planned(int folds) {
  }

  /**
   * Called before a fold is trained (if refitted) and scored.
   *
   * @param index 0-based fold
   * @param folds number of folds
   * @param refit whether the fold refits the model
   */
  default void foldStarted(int index, int folds, boolean refit) {
  }

  /** Called after a fold is scored. */
  default void foldFinished(BacktestFold fold, int folds) {
  }
}
