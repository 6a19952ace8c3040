package io.forecast.attention.qontot;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Registry entry of QontOT-style attention and the definitions its DJL operator and its oracle share.
 *
 * <p><b>Circuit</b> (spec §3a, "Simple" brick-wall ansatz, [proposal] of the spec). {@code q_d = log₂N}
 * data qubits, {@code q_a} auxiliary qubits, {@code n = q_d + q_a}; qubit 0 is the most significant bit
 * of a basis index and the data qubits are the high bits. Each layer has two sublayers of two-qubit
 * blocks, on the pairs (0,1), (2,3), … and then (1,2), (3,4), …: {@code n − 1} blocks per layer, 4
 * angles per block, {@link #parameterCount} angles in all. A block with angles {@code (φ₁, φ₂, φ₃, φ₄)}
 * (in this order in the angle vector) on qubits {@code (a, a+1)} is
 * {@code (R_Y(φ₁) ⊗ R_Y(φ₂)) · R_ZZ(φ₃) · R_XX(φ₄)} (so {@code R_XX} acts first), with
 * {@code R_P(φ) = cos(φ/2)·I − i·sin(φ/2)·P} and {@code R_Y(φ₁)} on qubit {@code a}. {@code U} is the
 * product of the blocks, the first block rightmost; every block is the identity at zero angles.
 *
 * <p><b>Angles.</b> {@code φ = θ ⊙ tile(vec(M))}, {@code M = Q·Kᵀ/√d}, {@code vec} row-major
 * ({@code vec(M)[i·N + j] = M_ij}), {@code tile(x)_p = x[p mod N²]}. The static {@code θ} is drawn
 * {@code U(−1, 1)} from the seed ({@link #theta}).
 *
 * <p><b>Mixing matrix.</b> {@code A_ij = 2^{−q_a} Σ_{a,b} |U_{(i,a),(j,b)}|²} (the index {@code (i,a)}
 * is {@code i·2^{q_a} + a}): the block average of the unistochastic {@code |U|²}, exactly doubly
 * stochastic. {@code O = A·V}.
 */
public final class Qontot {
  private Qontot() {}

  /** Parameter names. */
  public static final String LAYERS = "layers";
  public static final String AUX_QUBITS = "aux-qubits";
  public static final String SEED = "seed";
  public static final String MODE = "mode";

  /** The token counts that work. */
  public static final List<Integer> SIZES = List.of(4, 8, 16);

  /** {@code qontot}: layers 16, auxQubits −1 (= log₂N + 1), seed 0, mode static. */
  public static final OperatorSpec SPEC = new OperatorSpec(QontotAttention.NAME,
      "QDSFormer QontOT-style attention: a simulated brick-wall circuit with angles θ ⊙ tile(vec(QKᵀ/√d)); "
          + "A = block-averaged |U|², exactly doubly stochastic; N = 4, 8 or 16 tokens, as many keys, no mask",
      List.of(
          OperatorParameter.ofInt(LAYERS, 16, 1, 128, "circuit layers (n−1 two-qubit blocks, 4 angles each, per "
              + "layer); the paper's default is 16"),
          OperatorParameter.ofInt(AUX_QUBITS, -1, -1, 6, "auxiliary qubits q_a; -1 = log2(N)+1 (4 for N = 8, "
              + "the paper's setting); cost grows as 4^(log2(N)+q_a)"),
          OperatorParameter.ofLong(SEED, 0L, 0L, Long.MAX_VALUE, "seed of the static circuit angles θ ~ U(-1, 1)"),
          OperatorParameter.ofChoice(MODE, "static", List.of("static", "frozen", "trainable"),
              "static: θ fixed, gradient reaches Q and K through the circuit; frozen: θ fixed and no gradient "
                  + "to Q and K (only V's path learns); trainable: θ is the caller's array, bound with "
                  + "QontotAttention.withTheta, and receives a gradient too")),
      p -> new QontotAttention(p.getInt(LAYERS), p.getInt(AUX_QUBITS), p.getLong(SEED),
          QontotAttention.Mode.of(p.getString(MODE))),
      p -> new QontotReference(p.getInt(LAYERS), p.getInt(AUX_QUBITS), p.getLong(SEED)));

  /** {@code log₂ tokens}, or an exception naming the sizes that work. */
  public static int dataQubits(long tokens, long keys) {
    if (tokens != keys) {
      throw new IllegalArgumentException("qontot attention needs as many keys as queries (A is a square "
          + "doubly stochastic matrix), got N = " + tokens + " queries and M = " + keys + " keys");
    }
    if (!SIZES.contains((int) Math.min(tokens, Integer.MAX_VALUE))) {
      throw new IllegalArgumentException("qontot attention works for N = 4, 8 or 16 tokens (a power of 2; "
          + "the simulated circuit costs 4^(2·log2(N)+1) per gate), got N = " + tokens);
    }
    return Integer.numberOfTrailingZeros((int) tokens);
  }

  /** The auxiliary qubits for {@code auxQubits} (−1: {@code dataQubits + 1}). */
  public static int auxQubits(int auxQubits, int dataQubits) {
    return auxQubits < 0 ? dataQubits + 1 : auxQubits;
  }

  /** Angles of a circuit of {@code qubits} qubits and {@code layers} layers: {@code 4·(qubits−1)·layers}. */
  public static int parameterCount(int qubits, int layers) {
    return 4 * (qubits - 1) * layers;
  }

  /** The static angles: {@code count} draws {@code 2·u − 1}, {@code u = new SplittableRandom(seed).nextDouble()}. */
  public static double[] theta(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] theta = new double[count];
    for (int p = 0; p < count; p++) {
      theta[p] = 2 * random.nextDouble() - 1;
    }
    return theta;
  }
}
