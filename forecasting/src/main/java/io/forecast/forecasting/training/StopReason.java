package io.forecast.forecasting.training;

/** Why a training run ended. */
public enum StopReason {
  /** All configured epochs ran. */
  COMPLETED,
  /** The validation loss did not improve for {@code patience} epochs. */
  EARLY_STOPPED,
  /** The cancellation flag was raised; the run stopped between batches. */
  CANCELLED
}
