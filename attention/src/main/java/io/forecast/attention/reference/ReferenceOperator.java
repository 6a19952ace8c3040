package io.forecast.attention.reference;

import org.ejml.data.DMatrixRMaj;

/**
 * The float64 oracle of an attention operator on EJML, written independently of its DJL
 * implementation: one head of one sample, {@code q [N, d]}, {@code k [M, d]}, {@code v [M, dv]},
 * {@code keep} an {@code N×M} mask (true = attend) or {@code null}. Used by the tests and by
 * {@code forecast attention --engine reference}.
 */
public interface ReferenceOperator {
  /**
   * @throws IllegalArgumentException for shapes the operator cannot take, naming them
   */
  ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep);
}
