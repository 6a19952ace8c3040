package io.forecast.attention.qontot;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static io.forecast.attention.testing.OperatorChecks.maxAbsDiff;
import static io.forecast.attention.testing.OperatorChecks.toMatrix;
import static io.forecast.attention.testing.OperatorChecks.toNd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.testing.OperatorChecks;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** QontOT-style attention (spec §3a): the property list, oracle parity, gradients, modes, registry. */
class QontotAttentionTest {
  static final int D = 4;

  static double maxDsError(DMatrixRMaj a) {
    double err = 0;
    for (int i = 0; i < a.numRows; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < a.numCols; j++) {
        assertThat(a.get(i, j)).isGreaterThanOrEqualTo(0);
        row += a.get(i, j);
        col += a.get(j, i);
      }
      err = Math.max(err, Math.max(Math.abs(row - 1), Math.abs(col - 1)));
    }
    return err;
  }

  /** {@code max |UᴴU − I|} of a row-major complex {@code dim×dim} matrix. */
  static double unitarityError(double[] re, double[] im, int dim) {
    double err = 0;
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        double sr = 0;
        double si = 0;
        for (int r = 0; r < dim; r++) {
          // conj(U_ri)·U_rj
          double ar = re[r * dim + i];
          double ai = -im[r * dim + i];
          double br = re[r * dim + j];
          double bi = im[r * dim + j];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        err = Math.max(err, Math.hypot(sr - (i == j ? 1 : 0), si));
      }
    }
    return err;
  }

  static double[] randomAngles(long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] phi = new double[count];
    for (int p = 0; p < count; p++) {
      phi[p] = 4 * r.nextDouble() - 2;
    }
    return phi;
  }

  static DMatrixRMaj djlWeights(AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, DataType type) {
    try (NDManager m = NDManager.newBaseManager()) {
      return toMatrix(op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type), null, true).weights());
    }
  }

  @Test
  void theOracleUnitaryIsUnitary() {
    for (int qubits : new int[] {5, 7}) {
      double[][] u = QontotReference.unitary(randomAngles(qubits, Qontot.parameterCount(qubits, 16)), qubits, 16);
      assertThat(unitarityError(u[0], u[1], 1 << qubits)).as("n = %d", qubits).isLessThan(1e-12);
    }
  }

  @Test
  void theDjlUnitaryIsUnitaryAndEqualsTheOracleInFloat64() {
    int qubits = 5;
    double[] phi = randomAngles(3, Qontot.parameterCount(qubits, 4));
    double[][] expected = QontotReference.unitary(phi, qubits, 4);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] u = QontotAttention.unitary(m.create(phi, new Shape(1, phi.length)), qubits, 4);
      double[] re = u[0].toDoubleArray();
      double[] im = u[1].toDoubleArray();
      assertThat(unitarityError(re, im, 1 << qubits)).isLessThan(1e-12);
      double diff = 0;
      for (int i = 0; i < re.length; i++) {
        diff = Math.max(diff, Math.max(Math.abs(re[i] - expected[0][i]), Math.abs(im[i] - expected[1][i])));
      }
      assertThat(diff).isLessThan(1e-12);
    }
  }

  @Test
  void theMixingMatrixIsDoublyStochasticForEverySize() {
    for (int n : new int[] {4, 8, 16}) {
      DMatrixRMaj q = gaussian(10 + n, n, D);
      DMatrixRMaj k = gaussian(20 + n, n, D);
      DMatrixRMaj v = gaussian(30 + n, n, 2);
      int layers = n == 16 ? 4 : 16; // n = 9 qubits for N = 16: keep it short
      assertThat(maxDsError(new QontotReference(layers, -1, 5L).apply(q, k, v, null).weights())).as("oracle N = %d", n)
          .isLessThan(1e-12);
      if (n < 16) {
        assertThat(maxDsError(djlWeights(new QontotAttention(4, -1, 5L, QontotAttention.Mode.STATIC), q, k, v,
            DataType.FLOAT64))).as("DJL N = %d", n).isLessThan(1e-12);
      }
    }
  }

  @Test
  void zeroAnglesGiveTheIdentity() {
    int n = 8;
    DMatrixRMaj q = gaussian(1, n, D);
    DMatrixRMaj k = gaussian(2, n, D);
    DMatrixRMaj v = gaussian(3, n, 2);
    DMatrixRMaj identity = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      identity.set(i, i, 1);
    }
    QontotAttention op = new QontotAttention();
    int count = op.parameterCount(n);
    assertThat(count).isEqualTo(4 * 6 * 16); // n = 3 + 4 qubits, 16 layers: 384 angles (spec §3a)
    assertThat(maxAbsDiff(new QontotReference(16, -1, new double[count]).apply(q, k, v, null).weights(), identity))
        .isZero();
    // θ = 0 bound on the DJL operator, and M = 0 (Q = 0) with the seeded θ
    try (NDManager m = NDManager.newBaseManager()) {
      AttentionOperator zero = op.withTheta(m.zeros(new Shape(count), DataType.FLOAT64));
      assertThat(maxAbsDiff(djlWeights(zero, q, k, v, DataType.FLOAT64), identity)).isLessThan(1e-15);
    }
    assertThat(maxAbsDiff(djlWeights(new QontotAttention(4, -1, 0L, QontotAttention.Mode.STATIC),
        new DMatrixRMaj(n, D), k, v, DataType.FLOAT32), identity)).isLessThan(1e-7);
    assertThat(maxAbsDiff(new QontotReference(16, -1, 0L).apply(new DMatrixRMaj(n, D), k, v, null).weights(),
        identity)).isZero();
  }

  @Test
  void withoutAuxiliaryQubitsTheMixingMatrixIsTheUnistochasticSquareOfU() {
    int n = 4;
    DMatrixRMaj q = gaussian(4, n, D);
    DMatrixRMaj k = gaussian(5, n, D);
    DMatrixRMaj v = gaussian(6, n, 2);
    int layers = 3;
    int count = Qontot.parameterCount(2, layers);
    double[] theta = randomAngles(8, count);
    DMatrixRMaj a = new QontotReference(layers, 0, theta).apply(q, k, v, null).weights();
    double[] phi = new double[count];
    for (int p = 0; p < count; p++) {
      int e = p % (n * n);
      double mij = 0;
      for (int c = 0; c < D; c++) {
        mij += q.get(e / n, c) * k.get(e % n, c);
      }
      phi[p] = theta[p] * mij / Math.sqrt(D);
    }
    double[][] u = QontotReference.unitary(phi, 2, layers);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double re = u[0][i * n + j];
        double im = u[1][i * n + j];
        assertThat(Math.abs(a.get(i, j) - (re * re + im * im))).isLessThan(1e-15);
      }
    }
    assertThat(maxDsError(a)).isLessThan(1e-12);
  }

  @Test
  void djlForwardEqualsTheOracle() {
    for (int n : new int[] {4, 8}) {
      DMatrixRMaj q = gaussian(40 + n, n, D);
      DMatrixRMaj k = gaussian(50 + n, n, D);
      DMatrixRMaj v = gaussian(60 + n, n, 3);
      // the defaults (16 layers) in float64, a shorter circuit in float32
      OperatorChecks.assertForwardMatchesReference(new QontotAttention(16, -1, 9L, QontotAttention.Mode.STATIC),
          new QontotReference(16, -1, 9L), q, k, v, null, DataType.FLOAT64, 1e-12);
      OperatorChecks.assertForwardMatchesReference(new QontotAttention(4, -1, 9L, QontotAttention.Mode.STATIC),
          new QontotReference(4, -1, 9L), q, k, v, null, DataType.FLOAT32, 1e-5);
    }
    // N = 16 (n = 9, 512×512), a few layers to keep it short
    DMatrixRMaj q = gaussian(71, 16, D);
    DMatrixRMaj k = gaussian(72, 16, D);
    DMatrixRMaj v = gaussian(73, 16, 2);
    OperatorChecks.assertForwardMatchesReference(new QontotAttention(2, -1, 9L, QontotAttention.Mode.STATIC),
        new QontotReference(2, -1, 9L), q, k, v, null, DataType.FLOAT64, 1e-12);
  }

  @Test
  void batchedHeadsEachEqualTheOracle() {
    int n = 4;
    DMatrixRMaj[] qs = {gaussian(1, n, D), gaussian(2, n, D)};
    DMatrixRMaj k = gaussian(3, n, D);
    DMatrixRMaj v = gaussian(4, n, 2);
    QontotAttention op = new QontotAttention(4, -1, 1L, QontotAttention.Mode.STATIC);
    QontotReference ref = new QontotReference(4, -1, 1L);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray q2 = toNd(m, qs[0], DataType.FLOAT64).concat(toNd(m, qs[1], DataType.FLOAT64), 0);
      NDArray k2 = toNd(m, k, DataType.FLOAT64).repeat(0, 2);
      NDArray v2 = toNd(m, v, DataType.FLOAT64).repeat(0, 2);
      AttentionResult r = op.apply(q2, k2, v2, null, true);
      assertThat(r.weights().getShape()).isEqualTo(new Shape(2, 1, n, n));
      for (int b = 0; b < 2; b++) {
        assertThat(maxAbsDiff(toMatrix(r.weights().get(b)), ref.apply(qs[b], k, v, null).weights())).isLessThan(1e-12);
        assertThat(maxAbsDiff(toMatrix(r.output().get(b)), ref.apply(qs[b], k, v, null).output())).isLessThan(1e-12);
      }
    }
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    int n = 4;
    DMatrixRMaj q = gaussian(81, n, D);
    DMatrixRMaj k = gaussian(82, n, D);
    DMatrixRMaj v = gaussian(83, n, 2);
    QontotAttention op = new QontotAttention(2, -1, 3L, QontotAttention.Mode.STATIC);
    QontotReference ref = new QontotReference(2, -1, 3L);
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT64, 1e-6, 1e-8);
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT32, 1e-6, 1e-4);
  }

  @Test
  void aTrainableThetaGetsTheGradientOfFiniteDifferences() {
    int n = 4;
    int layers = 2;
    DMatrixRMaj q = gaussian(91, n, D);
    DMatrixRMaj k = gaussian(92, n, D);
    DMatrixRMaj v = gaussian(93, n, 2);
    DMatrixRMaj g = gaussian(94, n, 2);
    QontotAttention op = new QontotAttention(layers, -1, 4L, QontotAttention.Mode.TRAINABLE);
    double[] theta = op.initialTheta(n);
    assertThat(theta).hasSize(4 * 4 * layers).containsExactly(Qontot.theta(4L, 4 * 4 * layers));
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray th = m.create(theta);
      th.setRequiresGradient(true);
      NDArray nq = toNd(m, q, DataType.FLOAT64);
      nq.setRequiresGradient(true);
      try (GradientCollector gc = m.getEngine().newGradientCollector()) {
        NDArray out = op.withTheta(th).output(nq, toNd(m, k, DataType.FLOAT64), toNd(m, v, DataType.FLOAT64), null);
        gc.backward(out.mul(toNd(m, g, DataType.FLOAT64)).sum());
      }
      double[] autograd = th.getGradient().toDoubleArray();
      double h = 1e-6;
      double num = 0;
      double den = 0;
      for (int p = 0; p < theta.length; p++) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        plus[p] += h;
        minus[p] -= h;
        double fd = (loss(new QontotReference(layers, -1, plus), q, k, v, g)
            - loss(new QontotReference(layers, -1, minus), q, k, v, g)) / (2 * h);
        num += Math.pow(autograd[p] - fd, 2);
        den += fd * fd;
      }
      assertThat(Math.sqrt(num / den)).isLessThan(1e-8);
      assertThat(maxAbsDiff(toMatrix(nq.getGradient()), new DMatrixRMaj(n, D))).as("Q gets a gradient too")
          .isGreaterThan(1e-6);
    }
  }

  static double loss(QontotReference ref, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, DMatrixRMaj g) {
    DMatrixRMaj o = ref.apply(q, k, v, null).output();
    double s = 0;
    for (int i = 0; i < o.data.length; i++) {
      s += o.data[i] * g.data[i];
    }
    return s;
  }

  @Test
  void staticAndFrozenModesSendNoGradientToThetaAndFrozenNoneToQAndK() {
    int n = 4;
    DMatrixRMaj q = gaussian(1, n, D);
    DMatrixRMaj k = gaussian(2, n, D);
    DMatrixRMaj v = gaussian(3, n, 2);
    for (QontotAttention.Mode mode : new QontotAttention.Mode[] {QontotAttention.Mode.STATIC,
        QontotAttention.Mode.FROZEN}) {
      QontotAttention op = new QontotAttention(2, -1, 0L, mode);
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray th = m.create(op.initialTheta(n));
        th.setRequiresGradient(true);
        NDArray[] in = {toNd(m, q, DataType.FLOAT64), toNd(m, k, DataType.FLOAT64), toNd(m, v, DataType.FLOAT64)};
        for (NDArray x : in) {
          x.setRequiresGradient(true);
        }
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
          gc.backward(op.withTheta(th).output(in[0], in[1], in[2], null).square().sum());
        }
        // a detached input keeps an all-zero gradient (DJL hands back float32 zeros then)
        assertThat(maxAbs(th.getGradient())).as(mode + " θ").isZero();
        double dq = maxAbs(in[0].getGradient());
        double dk = maxAbs(in[1].getGradient());
        if (mode == QontotAttention.Mode.FROZEN) {
          assertThat(dq).isZero();
          assertThat(dk).isZero();
        } else {
          assertThat(dq).isGreaterThan(1e-6);
          assertThat(dk).isGreaterThan(1e-6);
        }
        assertThat(maxAbs(in[2].getGradient())).as(mode + " V").isGreaterThan(1e-6);
      }
    }
  }

  static double maxAbs(NDArray a) {
    return a.toType(DataType.FLOAT64, false).abs().max().getDouble();
  }

  @Test
  void theSeedDecidesTheStaticCircuit() {
    DMatrixRMaj q = gaussian(1, 4, D);
    DMatrixRMaj k = gaussian(2, 4, D);
    DMatrixRMaj v = gaussian(3, 4, 2);
    DMatrixRMaj a = new QontotReference(4, -1, 1L).apply(q, k, v, null).weights();
    assertThat(maxAbsDiff(new QontotReference(4, -1, 1L).apply(q, k, v, null).weights(), a)).isZero();
    assertThat(maxAbsDiff(new QontotReference(4, -1, 2L).apply(q, k, v, null).weights(), a)).isGreaterThan(1e-3);
  }

  @Test
  void resultsLiveInTheManagerOfQ() {
    try (NDManager m = NDManager.newBaseManager(); NDManager other = NDManager.newBaseManager()) {
      NDArray th = other.create(new QontotAttention(2, -1, 0L, QontotAttention.Mode.TRAINABLE).initialTheta(4));
      AttentionResult r = new QontotAttention(2, -1, 0L, QontotAttention.Mode.TRAINABLE).withTheta(th)
          .apply(toNd(m, gaussian(1, 4, D), DataType.FLOAT32), toNd(other, gaussian(2, 4, D), DataType.FLOAT32),
              toNd(other, gaussian(3, 4, 2), DataType.FLOAT32), null, true);
      assertThat(r.output().getManager()).isSameAs(m);
      assertThat(r.weights().getManager()).isSameAs(m);
    }
  }

  @Test
  void refusesOtherSizesMasksAndAMissingOrWrongTheta() {
    QontotAttention op = new QontotAttention();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray q5 = toNd(m, gaussian(1, 5, D), DataType.FLOAT32);
      NDArray v5 = toNd(m, gaussian(2, 5, 2), DataType.FLOAT32);
      assertThatThrownBy(() -> op.apply(q5, q5, v5, null, false)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("qontot attention works for N = 4, 8 or 16 tokens (a power of 2; the simulated circuit "
              + "costs 4^(2·log2(N)+1) per gate), got N = 5");
      NDArray q4 = toNd(m, gaussian(1, 4, D), DataType.FLOAT32);
      NDArray k8 = toNd(m, gaussian(2, 8, D), DataType.FLOAT32);
      NDArray v8 = toNd(m, gaussian(3, 8, 2), DataType.FLOAT32);
      assertThatThrownBy(() -> op.apply(q4, k8, v8, null, false)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("qontot attention needs as many keys as queries (A is a square doubly stochastic matrix), "
              + "got N = 4 queries and M = 8 keys");
      NDArray v4 = toNd(m, gaussian(3, 4, 2), DataType.FLOAT32);
      assertThatThrownBy(() -> op.apply(q4, q4, v4, OperatorChecks.mask(m, new boolean[4][4]), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("qontot attention takes no mask");
      assertThatThrownBy(() -> new QontotAttention(16, -1, 0L, QontotAttention.Mode.TRAINABLE).apply(q4, q4, v4,
          null, false)).isInstanceOf(IllegalStateException.class)
          .hasMessage("qontot mode 'trainable' needs the caller's θ: bind it with withTheta(θ), an array of 256 "
              + "angles for N = 4 (initialTheta(4) gives the seeded start)");
      assertThatThrownBy(() -> op.withTheta(m.zeros(new Shape(10))).apply(q4, q4, v4, null, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("qontot attention: θ must have shape (256) for N = 4, 16 layers and 3 auxiliary qubits, "
              + "got (10)");
    }
    assertThatThrownBy(() -> new QontotReference(16, -1, 0L).apply(gaussian(1, 5, D), gaussian(2, 5, D),
        gaussian(3, 5, 2), null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("N = 4, 8 or 16 tokens").hasMessageEndingWith("got N = 5");
  }

  @Test
  void theRegistryCreatesItByNameWithParametersAndRefusesOutOfRangeValues() {
    AttentionOperator op = AttentionOperators.create("qontot", Map.of("layers", 3, "aux-qubits", "2", "seed", 7,
        "mode", "frozen"));
    assertThat(op).isInstanceOf(QontotAttention.class);
    assertThat(((QontotAttention) op).mode()).isEqualTo(QontotAttention.Mode.FROZEN);
    assertThat(((QontotAttention) op).parameterCount(4)).isEqualTo(4 * 3 * 3);
    DMatrixRMaj q = gaussian(1, 4, D);
    DMatrixRMaj k = gaussian(2, 4, D);
    DMatrixRMaj v = gaussian(3, 4, 2);
    assertThat(maxAbsDiff(djlWeights(op, q, k, v, DataType.FLOAT64),
        new QontotReference(3, 2, 7L).apply(q, k, v, null).weights())).isLessThan(1e-12);
    assertThat(maxAbsDiff(AttentionOperators.reference("qontot", Map.of("layers", 3, "aux-qubits", 2, "seed", 7))
        .apply(q, k, v, null).weights(), new QontotReference(3, 2, 7L).apply(q, k, v, null).weights())).isZero();
    assertThatThrownBy(() -> AttentionOperators.create("qontot", Map.of("layers", 0)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'qontot': parameter 'layers' must be an integer from 1 to 128, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("qontot", Map.of("aux-qubits", 7)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'qontot': parameter 'aux-qubits' must be an integer from -1 to 6, got '7'");
    assertThatThrownBy(() -> AttentionOperators.create("qontot", Map.of("mode", "adjoint")))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'qontot': parameter 'mode' must be one of static, frozen, trainable, "
            + "got 'adjoint'");
  }
}
