/**
 * DJL building blocks shared by every network model type: {@link
 * io.forecast.forecasting.nn.NetworkModel} (an initialised block with its native memory, batched
 * prediction, weight snapshots, a checked parameter file; built for loading without any random
 * initialisation), the {@link io.forecast.forecasting.nn.TrainableNetwork} contract the trainer
 * uses, window staging, thread-local grad mode and thread count, dropout masks from a seeded
 * stream of the training thread, RevIN and PyTorch-initialised layers.
 */
package io.forecast.forecasting.nn;
