/**
 * The generic trainer of every network model type ({@link
 * io.forecast.forecasting.nn.TrainableNetwork}), following the official OLinear and
 * Time-Series-Library training loops; the shared training settings of the trained types.
 *
 * <ul>
 *   <li>{@link io.forecast.forecasting.training.WeightedL1Loss}: mean over b, t, n of
 *       {@code |ŷ − y|·(t+1)^-0.5}, weights not renormalised; OLinear's criterion; {@link
 *       io.forecast.forecasting.training.Loss.Kind} also offers MSE and MAE. The training criterion
 *       is also the validation loss that drives early stopping.
 *   <li>{@link io.forecast.forecasting.training.PyTorchAdam}: {@code torch.optim.Adam} (β 0.9 /
 *       0.999, eps 1e-8 added to the bias-corrected √v̂), or AdamW with a decoupled weight decay,
 *       with its moments in a closable manager ({@link io.forecast.forecasting.training.Optimizer}).
 *   <li>{@link io.forecast.forecasting.training.LearningRateSchedule}: the {@code type1},
 *       {@code type3} and {@code cosine} rules, as the rate used during 1-based epoch k.
 *   <li>{@link io.forecast.forecasting.training.EarlyStopping}: patience counter that grows only
 *       when the loss is strictly worse than the best (a tie re-saves).
 *   <li>{@link io.forecast.forecasting.training.Trainer}: seeded shuffling, batches with
 *       {@code drop_last = False}, one native sub-manager per batch, best-validation checkpoint
 *       restored at the end, per-epoch listener, cancellation between batches; a non-finite
 *       training loss stops the run with a typed user error.
 *   <li>{@link io.forecast.forecasting.training.TrainingSettings}: epochs, batch size, learning
 *       rate, schedule, patience, loss, optimiser and weight decay as typed settings.
 * </ul>
 */
package io.forecast.forecasting.training;
