package io.forecast.forecasting.training;

/** One completed epoch; fields as in {@link EpochListener#epochFinished}. */
public record EpochSummary(
    int epoch, double trainLoss, double validationLoss, double learningRate, double seconds) {}
