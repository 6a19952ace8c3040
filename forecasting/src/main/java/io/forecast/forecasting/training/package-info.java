/**
 * Training and evaluation of {@link io.forecast.forecasting.olinear.OLinearModel}, following the
 * official OLinear scripts.
 *
 * <ul>
 *   <li>{@link io.forecast.forecasting.training.WeightedL1Loss}: mean over b, t, n of
 *       {@code |ŷ − y|·(t+1)^-0.5}, weights not renormalised; used for training and for the
 *       validation loss that drives early stopping.
 *   <li>{@link io.forecast.forecasting.training.PyTorchAdam}: {@code torch.optim.Adam} (β 0.9 /
 *       0.999, eps 1e-8 added to the bias-corrected √v̂, no weight decay) with its moments in a
 *       closable manager.
 *   <li>{@link io.forecast.forecasting.training.LearningRateSchedule}: the {@code type1},
 *       {@code type3} and {@code cosine} rules, as the rate used during 1-based epoch k.
 *   <li>{@link io.forecast.forecasting.training.EarlyStopping}: patience counter that grows only
 *       when the loss is strictly worse than the best (a tie re-saves).
 *   <li>{@link io.forecast.forecasting.training.OLinearTrainer}: seeded shuffling, batches with
 *       {@code drop_last = False}, one native sub-manager per batch, best-validation checkpoint
 *       restored at the end, per-epoch listener, cancellation between batches.
 *   <li>{@link io.forecast.forecasting.training.ForecastEvaluation}: MSE and MAE over every
 *       window of a split on the z-scored scale.
 * </ul>
 */
package io.forecast.forecasting.training;
