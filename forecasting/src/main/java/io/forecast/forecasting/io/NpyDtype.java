package io.forecast.forecasting.io;

/** The element types {@link NpyIo} reads and writes: little-endian IEEE floats. */
public enum NpyDtype {
  /** {@code '<f4'}, NumPy {@code float32}. */
  FLOAT32("<f4", 4),
  /** {@code '<f8'}, NumPy {@code float64}. */
  FLOAT64("<f8", 8);

  private final String descr;
  private final int bytes;

  NpyDtype(String descr, int bytes) {
    this.descr = descr;
    this.bytes = bytes;
  }

  /** The NumPy type string, e.g. {@code <f4}. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The dtype with the given NumPy type string, or {@code null}. */
  static NpyDtype fromDescr(String descr) {
    for (NpyDtype d : values()) {
      if (d.descr.equals(descr)) {
        return d;
      }
    }
    return null;
  }
}
