package io.forecast.forecasting.baselines;

/** {@code mean}: every forecast step is the mean of its column over the input window. */
public final class MeanType extends BaselineType {
  public MeanType() {
    super("mean", BaselineRule.MEAN, "mean: every step is the mean of the seq_len input rows");
  }
}
