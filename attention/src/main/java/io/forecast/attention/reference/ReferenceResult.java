package io.forecast.attention.reference;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/** Output {@code O [N, dv]} of a reference operator and its mixing matrix {@code A [N, M]} ({@code null} when it has none). */
public record ReferenceResult(DMatrixRMaj output, DMatrixRMaj weights) {
  public ReferenceResult {
    Objects.requireNonNull(output, "output");
  }
}
