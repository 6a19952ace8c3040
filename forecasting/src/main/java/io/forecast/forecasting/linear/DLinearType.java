package io.forecast.forecasting.linear;

/** The {@code dlinear} model type (see {@link LinearVariant#DLINEAR}). */
public final class DLinearType extends LinearFamilyType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "dlinear";

  /** Creates the type (found through {@link java.util.ServiceLoader}). */
  public DLinearType() {
    super(LinearVariant.DLINEAR);
  }
}
