package io.forecast.forecasting.baselines;

/** {@code naive}: every forecast step repeats the last observed value of its column. */
public final class NaiveType extends BaselineType {
  public NaiveType() {
    super("naive", BaselineRule.NAIVE, "naive: every step repeats the last observed value");
  }
}
