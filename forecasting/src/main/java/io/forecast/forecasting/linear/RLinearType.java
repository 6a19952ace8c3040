package io.forecast.forecasting.linear;

/** The {@code rlinear} model type (see {@link LinearVariant#RLINEAR}). */
public final class RLinearType extends LinearFamilyType {
  /** The type name in {@code model.json}. */
  public static final String NAME = "rlinear";

  /** Creates the type (found through {@link java.util.ServiceLoader}). */
  public RLinearType() {
    super(LinearVariant.RLINEAR);
  }
}
