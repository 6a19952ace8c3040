package io.forecast.attention.reference;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Stateless float64 helpers shared by the reference operators. */
public final class DenseOps {
  private DenseOps() {}

  /** {@code S = Q·Kᵀ · scale}. */
  public static DMatrixRMaj scores(DMatrixRMaj q, DMatrixRMaj k, double scale) {
    checkPair(q, k);
    DMatrixRMaj s = new DMatrixRMaj(q.numRows, k.numRows);
    CommonOps_DDRM.multTransB(q, k, s);
    CommonOps_DDRM.scale(scale, s);
    return s;
  }

  /** {@code O = A·V}. */
  public static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj v) {
    if (a.numCols != v.numRows) {
      throw new IllegalArgumentException("the mixing matrix has " + a.numCols + " columns but V has " + v.numRows
          + " rows");
    }
    DMatrixRMaj o = new DMatrixRMaj(a.numRows, v.numCols);
    CommonOps_DDRM.mult(a, v, o);
    return o;
  }

  /**
   * Row-wise softmax of {@code s} where {@code keep} allows (masked entries exactly 0); a row with no
   * allowed entry is all zeros.
   */
  public static DMatrixRMaj softmaxRows(DMatrixRMaj s, boolean[][] keep) {
    checkMask(keep, s.numRows, s.numCols);
    DMatrixRMaj a = new DMatrixRMaj(s.numRows, s.numCols);
    for (int i = 0; i < s.numRows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < s.numCols; j++) {
        if (keep == null || keep[i][j]) {
          max = Math.max(max, s.get(i, j));
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        continue; // fully masked row: zeros
      }
      double sum = 0;
      for (int j = 0; j < s.numCols; j++) {
        if (keep == null || keep[i][j]) {
          double e = Math.exp(s.get(i, j) - max);
          a.set(i, j, e);
          sum += e;
        }
      }
      for (int j = 0; j < s.numCols; j++) {
        a.set(i, j, a.get(i, j) / sum);
      }
    }
    return a;
  }

  /** Checks that Q and K have the same feature size. */
  public static void checkPair(DMatrixRMaj q, DMatrixRMaj k) {
    if (q.numCols != k.numCols) {
      throw new IllegalArgumentException("Q has " + q.numCols + " features per token but K has " + k.numCols);
    }
  }

  /** Checks that K and V have one row per key. */
  public static void checkKeysValues(DMatrixRMaj k, DMatrixRMaj v) {
    if (k.numRows != v.numRows) {
      throw new IllegalArgumentException("K has " + k.numRows + " rows (keys) but V has " + v.numRows);
    }
  }

  /** Checks a mask's shape ({@code null} passes). */
  public static void checkMask(boolean[][] keep, int rows, int cols) {
    if (keep == null) {
      return;
    }
    if (keep.length != rows) {
      throw new IllegalArgumentException("the mask has " + keep.length + " rows, expected " + rows);
    }
    for (boolean[] row : keep) {
      if (row.length != cols) {
        throw new IllegalArgumentException("a mask row has " + row.length + " entries, expected " + cols);
      }
    }
  }
}
