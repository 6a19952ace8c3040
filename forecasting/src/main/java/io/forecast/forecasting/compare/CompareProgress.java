package io.forecast.forecasting.compare;

import io.forecast.forecasting.TrainingProgress;

/** Receives the progress of a grid (a progress bar, a log); every method is called on the grid's thread. */
public interface CompareProgress {
  /** Ignores everything. */
  CompareProgress NONE = new CompareProgress() { };

  /**
   * Called once, after the run files were checked and before the first run.
   *
   * @param runs every run of the grid
   * @param resumed those already finished by an earlier call (reported next through {@link #runFinished})
   */
  default void gridStarted(int runs, int resumed) {
  }

  /** Called before a run trains; its epochs are reported to the listener it returns. */
  default TrainingProgress runStarted(RunSpec run) {
    return TrainingProgress.NONE;
  }

  /**
   * Called once per run: first for every resumed run, then after each run that was trained.
   *
   * @param resumed whether the result was read from an earlier call's run file
   */
  default void runFinished(RunResult result, boolean resumed) {
  }

  /**
   * Polled between training batches and after each run: when it turns true the grid stops with a
   * {@link java.util.concurrent.CancellationException}, and the run in progress is not written (a
   * later call trains it again, in full).
   */
  default boolean cancelRequested() {
    return false;
  }
}
