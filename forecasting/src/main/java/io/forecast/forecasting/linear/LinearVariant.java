package io.forecast.forecasting.linear;

/**
 * The four members of the linear family, each a model type of its own: how the input is
 * prepared before, and restored after, the Linear(T→τ) along time.
 */
public enum LinearVariant {
  /** LTSF-Linear {@code models/Linear.py}: one Linear along time, nothing else. */
  LINEAR("linear", 0x4C494E52, // "LINR"
      "Linear: one linear map from the input window to the horizon along time (LTSF-Linear), shared by "
          + "the variates or one per variate"),
  /** LTSF-Linear {@code models/NLinear.py}: the last input value is subtracted and added back. */
  NLINEAR("nlinear", 0x4E4C494E, // "NLIN"
      "NLinear: Linear on the input minus its last value, which is added back to the forecast (LTSF-Linear)"),
  /** Time-Series-Library {@code models/DLinear.py}: moving-average decomposition, two Linears. */
  DLINEAR("dlinear", 0x444C494E, // "DLIN"
      "DLinear: moving-average decomposition into trend and seasonal parts, one linear map along time "
          + "for each, summed (Time-Series-Library)"),
  /** RTSF {@code models/RLinear.py}: RevIN, dropout, Linear, inverse RevIN. */
  RLINEAR("rlinear", 0x524C494E, // "RLIN"
      "RLinear: reversible instance normalisation (affine RevIN) around dropout and one linear map along "
          + "time (Revisiting Long-term Time Series Forecasting)");

  private final String typeName;
  private final int fileMagic;
  private final String description;

  LinearVariant(String typeName, int fileMagic, String description) {
    this.typeName = typeName;
    this.fileMagic = fileMagic;
    this.description = description;
  }

  /** The model type's name ({@code linear}, {@code nlinear}, {@code dlinear}, {@code rlinear}). */
  public String typeName() {
    return typeName;
  }

  /** The magic number of this variant's {@code weights.bin}. */
  public int fileMagic() {
    return fileMagic;
  }

  /** One sentence on the model. */
  public String description() {
    return description;
  }

  /** Whether the variant has the moving-average {@code kernel} setting. */
  public boolean hasKernel() {
    return this == DLINEAR;
  }

  /** Whether the variant has the {@code dropout} setting. */
  public boolean hasDropout() {
    return this == RLINEAR;
  }
}
