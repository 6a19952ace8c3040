package io.forecast.forecasting.service;

/**
 * One completed epoch of a training job.
 *
 * @param epoch 1-based epoch
 * @param trainLoss mean training loss
 * @param valLoss mean validation loss
 * @param seconds wall time of the epoch
 */
public record EpochLoss(int epoch, double trainLoss, double valLoss, double seconds) {}
