package io.forecast.forecasting.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fault injection into the write protocol, for tests only: the points between the protocol's steps
 * ({@link Step}) and a hook called after each, which a test makes throw an {@link IOException} (a
 * failure the protocol rolls back) or a {@link SimulatedCrash} (the process dying there: nothing is
 * cleaned up). Production code never sets the hook.
 */
final class WriteFaults {
  private WriteFaults() {}

  /** The points between the protocol's steps where a test may inject a failure. */
  enum Step {
    /** Step 1 done: the content is in {@code .tmp-NAME-UUID}, not yet synced. */
    CONTENT_WRITTEN,
    /** Step 2 done: the temporary copy is fsynced. */
    CONTENT_SYNCED,
    /** Step 3 done: renamed to {@code .new-NAME-UUID} and the parent fsynced (the commit point). */
    STAGED,
    /** Step 4 done: the old directory renamed to {@code .old-NAME-UUID} and the parent fsynced. */
    OLD_MOVED_ASIDE,
    /** Step 5 done: the new directory is {@code NAME} and the parent fsynced. */
    NEW_IN_PLACE,
    /** Step 6 done: the old directory deleted. */
    OLD_DELETED,
    /** A delete's rename to {@code .del-NAME-UUID} done and the parent fsynced. */
    TRASHED
  }

  /** Called after each {@link Step}; a test makes it throw to simulate a failure or a crash. */
  @FunctionalInterface
  interface StepHook {
    void reached(Step step, Path target) throws IOException;
  }

  /**
   * Thrown only by fault-injection hooks to simulate the process dying at a step: unlike any other
   * failure, the protocol does not clean up after it, leaving exactly what a kill -9 would.
   */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  /** The hook that does nothing (the production setting). */
  static final StepHook NO_HOOK = (step, target) -> { };
  /** The current hook; tests set it and reset it to {@link #NO_HOOK}. */
  static volatile StepHook hook = NO_HOOK;

  /** Tells the hook that {@code step} is done for {@code target}. */
  static void reached(Step step, Path target) throws IOException {
    hook.reached(step, target);
  }
}
