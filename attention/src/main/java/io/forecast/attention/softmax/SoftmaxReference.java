package io.forecast.attention.softmax;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/** Float64 oracle of softmax attention: row-wise max-shifted exponentials of {@code Q·Kᵀ/√d}. */
public final class SoftmaxReference implements ReferenceOperator {
  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    DMatrixRMaj a = DenseOps.softmaxRows(DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols)), keep);
    return new ReferenceResult(DenseOps.times(a, v), a);
  }
}
