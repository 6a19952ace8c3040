package io.forecast.forecasting.io;

import java.util.Arrays;

/**
 * A 2-D array read from a {@code .npy} file: shape, element type and the values widened to
 * {@code double} (exact for {@code float32}, so a float32 file read and written back is
 * bit-identical). Immutable.
 */
public final class NpyMatrix {
  private final int rows;
  private final int cols;
  private final NpyDtype dtype;
  private final double[] data;

  NpyMatrix(int rows, int cols, NpyDtype dtype, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.dtype = dtype;
    this.data = data;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The element type stored in the file. */
  public NpyDtype dtype() {
    return dtype;
  }

  /** Entry {@code (i, k)}. */
  public double get(int i, int k) {
    if (i < 0 || i >= rows || k < 0 || k >= cols) {
      throw new IndexOutOfBoundsException("(" + i + ", " + k + ") outside " + rows + " x " + cols);
    }
    return data[i * cols + k];
  }

  /** The values as a new {@code rows × cols} array. */
  public double[][] toArray() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }
    return out;
  }

  /** The values row-major (a copy). */
  public double[] toRowMajor() {
    return data.clone();
  }

  @Override
  public String toString() {
    return "NpyMatrix[" + rows + " x " + cols + ", " + dtype.descr() + "]";
  }
}
