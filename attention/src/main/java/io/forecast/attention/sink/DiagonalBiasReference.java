package io.forecast.attention.sink;

import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import org.ejml.data.DMatrixRMaj;

/** Float64 oracle of {@code diagonal-bias}: {@code S + β·I} on EJML, then the shared masked row softmax. */
public final class DiagonalBiasReference implements ReferenceOperator {
  private final double bias;

  public DiagonalBiasReference(double bias) {
    this.bias = bias;
  }

  @Override
  public ReferenceResult apply(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep) {
    DenseOps.checkKeysValues(k, v);
    if (q.numRows != k.numRows) {
      throw new IllegalArgumentException("attention operator 'diagonal-bias' biases the diagonal, so it needs as "
          + "many keys as queries, got " + q.numRows + " queries and " + k.numRows + " keys");
    }
    DMatrixRMaj s = DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols));
    for (int i = 0; i < s.numRows; i++) {
      s.add(i, i, bias);
    }
    DMatrixRMaj a = DenseOps.softmaxRows(s, keep);
    return new ReferenceResult(DenseOps.times(a, v), a);
  }
}
