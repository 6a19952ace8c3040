package io.forecast.forecasting.training;

/**
 * The official {@code EarlyStopping} with delta 0: the counter grows only when a loss is strictly
 * worse than the best so far; an equal loss counts as an improvement (and re-saves). Training
 * stops once the counter reaches the patience. A NaN loss counts as worse (the official code would
 * treat it as an improvement).
 */
public final class EarlyStopping {
  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private boolean seen;
  private int counter;

  /** Creates the rule with {@code patience} ≥ 1. */
  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records one epoch's loss.
   *
   * @return true if this loss is the new best (the caller saves a checkpoint)
   */
  public boolean update(double loss) {
    boolean improved = !Double.isNaN(loss) && (!seen || loss <= best);
    if (improved) {
      best = loss;
      seen = true;
      counter = 0;
    } else {
      counter++;
    }
    return improved;
  }

  /** Whether the counter has reached the patience. */
  public boolean shouldStop() {
    return counter >= patience;
  }

  /** The best loss so far ({@code +∞} before the first finite one). */
  public double best() {
    return best;
  }

  /** Epochs since the last improvement. */
  public int counter() {
    return counter;
  }
}
