package io.forecast.forecasting.persist;

import java.util.List;

/**
 * What a recovery of interrupted writes and deletes did ({@link AtomicDirectory#recover},
 * {@link AtomicDirectory#recoverAll}; a model store reports the one it ran when it opened).
 *
 * @param completed targets whose staged new copy was swapped in
 * @param restored targets whose old copy was put back
 * @param removed protocol entries deleted (temporaries, stale stages, old copies, trash)
 */
public record Recovery(List<String> completed, List<String> restored, List<String> removed) {
  public Recovery {
    completed = List.copyOf(completed);
    restored = List.copyOf(restored);
    removed = List.copyOf(removed);
  }

  /** Whether there was nothing to recover. */
  public boolean isEmpty() {
    return completed.isEmpty() && restored.isEmpty() && removed.isEmpty();
  }
}
