package io.forecast.attention.registry;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static io.forecast.attention.testing.OperatorChecks.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.testing.OperatorChecks;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered operator's gradients are the same whether or not the JVM collects garbage between
 * the forward and the backward pass (DJL 0.36 keeps Java buffers of Number operands referenced from
 * the autograd graph; a collection used to corrupt them).
 */
class GarbageCollectionSafetyTest {
  static List<String> operators() {
    return AttentionOperators.names();
  }

  @ParameterizedTest
  @MethodSource("operators")
  void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward(String name) {
    int n = 8;
    DMatrixRMaj q = gaussian(11, n, 8);
    DMatrixRMaj k = gaussian(12, n, 8);
    DMatrixRMaj v = gaussian(13, n, 3);
    AttentionOperator op = AttentionOperators.create(name, name.equals("qontot") ? Map.of("layers", 2) : Map.of());
    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
      DMatrixRMaj[] plain = OperatorChecks.gradientsOfSum(op, q, k, v, type, false);
      DMatrixRMaj[] collected = OperatorChecks.gradientsOfSum(op, q, k, v, type, true);
      for (int w = 0; w < 3; w++) {
        assertThat(maxAbsDiff(collected[w], plain[w])).as("%s gradient %d, %s", name, w, type).isZero();
      }
    }
  }
}
