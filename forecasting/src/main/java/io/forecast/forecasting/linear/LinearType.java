package io.forecast.forecasting.linear;

/** The {@code linear} model type (see {@link LinearVariant#LINEAR}). */
public final class LinearType extends LinearFamilyType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "linear";

  /** Creates the type (found through {@link java.util.ServiceLoader}). */
  public LinearType() {
    super(LinearVariant.LINEAR);
  }
}
