package io.forecast.forecasting.linear;

/** The {@code nlinear} model type (see {@link LinearVariant#NLINEAR}). */
public final class NLinearType extends LinearFamilyType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "nlinear";

  /** Creates the type (found through {@link java.util.ServiceLoader}). */
  public NLinearType() {
    super(LinearVariant.NLINEAR);
  }
}
