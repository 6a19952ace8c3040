package io.forecast.attention.qontot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;
import java.util.Locale;

/**
 * QontOT-style attention (spec §3a; circuit, angles and mixing matrix defined in {@link Qontot}): each
 * head simulates its own {@code 2ⁿ×2ⁿ} unitary as a pair of real tensors (real and imaginary parts, one
 * {@code [H, 2, 2ⁿ, 2ⁿ]} state; DJL has no complex autograd), each two-qubit block applied as the real
 * {@code 8×8} matrix {@code [[Re B, −Im B], [Im B, Re B]]} on the (re/im, qubit pair) axes, so DJL's
 * autograd differentiates it in float32 and float64.
 *
 * <p><b>θ.</b> By default the operator uses the static angles {@link Qontot#theta} of its seed, as
 * a constant. {@link #withTheta} binds a caller-owned {@code θ} instead (shape {@code [K]},
 * {@code K = }{@link #parameterCount}), e.g. a DJL parameter of the block that owns the operator,
 * initialised from {@link #initialTheta}; in mode {@link Mode#TRAINABLE} the gradient reaches it (the
 * caller turns on its gradient and updates it), in the other modes it is used as a constant.
 *
 * <p><b>Modes.</b> {@link Mode#STATIC}: θ fixed, gradient to Q and K through the circuit (the spec's
 * {@code QONTOT_STATIC_ADJOINT}, here by autograd). {@link Mode#FROZEN}: θ fixed and {@code M} detached,
 * so Q and K get no gradient (the spec's {@code QONTOT_STATIC_NOGRAD}). {@link Mode#TRAINABLE}: θ must
 * be bound and is trained with Q and K.
 *
 * <p>Refused: N other than 4, 8 or 16; as many keys as queries required; no mask (A is doubly
 * stochastic over all keys). {@code A} is neither scale-invariant in {@code M} nor permutation
 * equivariant. Cost per head: {@code layers·(n−1)} block products of {@code O(8·2·4ⁿ)} each, and
 * autograd keeps every intermediate {@code U} (n = 7 for N = 8: 128×128; n = 9 for N = 16: 512×512, about
 * 4 MB per block in float64), so N = 16 with 16 layers is slow and memory-hungry; N = 8 is the practical
 * size (spec §3a pitfalls).
 */
public final class QontotAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "qontot";

  /** How θ and the gradient to Q and K are treated. */
  public enum Mode {
    STATIC, FROZEN, TRAINABLE;

    /** The mode of a registry word ({@code static}, {@code frozen}, {@code trainable}). */
    public static Mode of(String word) {
      for (Mode m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(word)) {
          return m;
        }
      }
      throw new IllegalArgumentException("qontot mode must be one of static, frozen, trainable, got '" + word + "'");
    }
  }

  private final int layers;
  private final int auxQubits;
  private final long seed;
  private final Mode mode;
  private final NDArray theta;

  /**
   * @param layers circuit layers (at least 1)
   * @param auxQubits auxiliary qubits, 0 to 6, or −1 for {@code log₂N + 1}
   * @param seed seed of the static angles
   * @param mode see {@link Mode}
   */
  public QontotAttention(int layers, int auxQubits, long seed, Mode mode) {
    this(layers, auxQubits, seed, mode, null);
  }

  /** The defaults: 16 layers, {@code log₂N + 1} auxiliary qubits, seed 0, static. */
  public QontotAttention() {
    this(16, -1, 0L, Mode.STATIC);
  }

  private QontotAttention(int layers, int auxQubits, long seed, Mode mode, NDArray theta) {
    if (layers < 1) {
      throw new IllegalArgumentException("qontot attention needs at least 1 circuit layer, got " + layers);
    }
    if (auxQubits < -1 || auxQubits > 6) {
      throw new IllegalArgumentException("qontot attention: auxQubits must be -1 (log2(N)+1) or 0 to 6, got "
          + auxQubits);
    }
    this.layers = layers;
    this.auxQubits = auxQubits;
    this.seed = seed;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.theta = theta;
  }

  /**
   * This operator with the caller's angles {@code theta} ({@code [K]}, K = {@link #parameterCount} of
   * the token count it will see) in place of the seeded ones. The operator keeps a reference only; the
   * caller owns and updates the array.
   */
  public QontotAttention withTheta(NDArray theta) {
    return new QontotAttention(layers, auxQubits, seed, mode, java.util.Objects.requireNonNull(theta, "theta"));
  }

  /** The number of angles for {@code tokens} tokens (4, 8 or 16). */
  public int parameterCount(int tokens) {
    int qd = Qontot.dataQubits(tokens, tokens);
    return Qontot.parameterCount(qd + Qontot.auxQubits(auxQubits, qd), layers);
  }

  /** The seeded angles for {@code tokens} tokens, U(−1, 1): an initial value for a trainable θ. */
  public double[] initialTheta(int tokens) {
    return Qontot.theta(seed, parameterCount(tokens));
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    AttentionOps.requireNoMask("qontot", "A is doubly stochastic over all keys", keep);
    Shape qs = q.getShape();
    int axes = qs.dimension();
    int tokens = (int) qs.get(axes - 2);
    int qd = Qontot.dataQubits(qs.get(axes - 2), k.getShape().get(axes - 2));
    int qa = Qontot.auxQubits(auxQubits, qd);
    int qubits = qd + qa;
    int count = Qontot.parameterCount(qubits, layers);
    NDManager manager = q.getManager();
    DataType type = q.getDataType();

    NDArray scores = AttentionOps.scaledScores(q, k);
    Shape full = scores.getShape();
    if (mode == Mode.FROZEN) {
      scores = scores.stopGradient();
    }
    NDArray angles;
    if (theta == null) {
      if (mode == Mode.TRAINABLE) {
        throw new IllegalStateException("qontot mode 'trainable' needs the caller's θ: bind it with "
            + "withTheta(θ), an array of " + count + " angles for N = " + tokens + " (initialTheta(" + tokens
            + ") gives the seeded start)");
      }
      angles = manager.create(Qontot.theta(seed, count)).toType(type, false);
    } else {
      if (theta.getShape().dimension() != 1 || theta.getShape().get(0) != count) {
        throw new IllegalArgumentException("qontot attention: θ must have shape (" + count + ") for N = " + tokens
            + ", " + layers + " layers and " + qa + " auxiliary qubits, got " + theta.getShape());
      }
      angles = mode == Mode.TRAINABLE ? theta : theta.stopGradient();
      if (angles.getDataType() != type) {
        angles = angles.toType(type, false);
      }
    }
    int cells = tokens * tokens;
    double[] tile = new double[cells * count];
    for (int p = 0; p < count; p++) {
      tile[(p % cells) * count + p] = 1;
    }
    NDArray flat = scores.reshape(-1, cells);
    NDArray phi = flat.matMul(manager.create(tile, new Shape(cells, count)).toType(type, false)).mul(angles);
    NDArray[] u = unitary(phi, qubits, layers);
    long heads = flat.getShape().get(0);
    int blocks = 1 << qa;
    NDArray w = u[0].square().add(u[1].square());
    NDArray a = w.reshape(heads, tokens, blocks, tokens, blocks).sum(new int[] {2, 4}).div(AttentionOps.scalar(w, blocks)).reshape(full);
    return new AttentionResult(a.matMul(v), withWeights ? a : null);
  }

  /**
   * The circuit's unitary {@code {Re U, Im U}} ({@code [H, 2ⁿ, 2ⁿ]} each) for the angles
   * {@code phi [H, K]}, K = 4·(qubits−1)·layers.
   */
  static NDArray[] unitary(NDArray phi, int qubits, int layers) {
    NDManager manager = phi.getManager();
    DataType type = phi.getDataType();
    long heads = phi.getShape().get(0);
    int blocks = (qubits - 1) * layers;
    int dim = 1 << qubits;
    NDArray half = phi.mul(AttentionOps.scalar(phi, 0.5)).reshape(heads, blocks, 4);
    NDArray c = half.cos();
    NDArray s = half.sin();
    NDArray c1 = c.get(":, :, 0");
    NDArray s1 = s.get(":, :, 0");
    NDArray c2 = c.get(":, :, 1");
    NDArray s2 = s.get(":, :, 1");
    NDArray c3 = c.get(":, :, 2").reshape(heads, blocks, 1, 1);
    NDArray s3 = s.get(":, :, 2").reshape(heads, blocks, 1, 1);
    NDArray c4 = c.get(":, :, 3").reshape(heads, blocks, 1, 1);
    NDArray s4 = s.get(":, :, 3").reshape(heads, blocks, 1, 1);
    // R_Y(φ1) ⊗ R_Y(φ2), real: Y[2i+k, 2j+l] = RY1[i, j]·RY2[k, l]
    NDArray ry1 = NDArrays.stack(new NDList(c1, s1.neg(), s1, c1), -1).reshape(heads, blocks, 2, 1, 2, 1);
    NDArray ry2 = NDArrays.stack(new NDList(c2, s2.neg(), s2, c2), -1).reshape(heads, blocks, 1, 2, 1, 2);
    NDArray y = ry1.mul(ry2).reshape(heads, blocks, 4, 4);
    // R_ZZ(φ3)·R_XX(φ4) = diag(z)·(c4·I − i·s4·J), z_m = c3 − i·σ_m·s3, σ = (1, −1, −1, 1), J anti-diagonal:
    // B = Y·diag(c4·z) + Y·diag(−i·s4·z)·J, column scalings of Y
    NDArray sigma = manager.create(new double[] {1, -1, -1, 1}, new Shape(1, 4)).toType(type, false);
    NDArray flip = manager.create(new double[] {0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0}, new Shape(4, 4))
        .toType(type, false);
    NDArray ySigma = y.mul(sigma);
    NDArray br = y.mul(c4.mul(c3)).add(ySigma.mul(s4.mul(s3).neg()).matMul(flip));
    NDArray bi = ySigma.mul(c4.mul(s3).neg()).add(y.mul(s4.mul(c3).neg()).matMul(flip));

    // each block as the real 8×8 [[Re B, −Im B], [Im B, Re B]] acting on (re/im, pair) jointly
    NDArray real = br.concat(bi.neg(), -1).concat(bi.concat(br, -1), -2); // [H, blocks, 8, 8]
    NDList gates = real.split(blocks, 1); // each [H, 1, 8, 8]
    // state [H, 2 (re, im), 2ⁿ, 2ⁿ], from the identity
    double[] start = new double[2 * dim * dim];
    for (int i = 0; i < dim; i++) {
      start[i * dim + i] = 1;
    }
    NDArray state = manager.zeros(new Shape(heads, 2, dim, dim), type)
        .add(manager.create(start, new Shape(2, dim, dim)).toType(type, false));
    int b = 0;
    for (int layer = 0; layer < layers; layer++) {
      for (int begin = 0; begin < 2; begin++) {
        for (int a = begin; a + 1 < qubits; a += 2) {
          // row index = (qubits 0..a−1, pair (a, a+1), qubits a+2..): bring re/im next to the pair axis
          long hi = 1L << a;
          long rest = (long) (dim >> (a + 2)) * dim;
          NDArray x = a == 0 ? state.reshape(heads, 1, 8, rest)
              : state.reshape(heads, 2, hi, 4 * rest).swapAxes(1, 2).reshape(heads, hi, 8, rest);
          NDArray z = gates.get(b).matMul(x);
          state = a == 0 ? z.reshape(heads, 2, dim, dim)
              : z.reshape(heads, hi, 2, 4 * rest).swapAxes(1, 2).reshape(heads, 2, dim, dim);
          b++;
        }
      }
    }
    NDArray ur = state.get(":, 0");
    NDArray ui = state.get(":, 1");
    return new NDArray[] {ur, ui};
  }
}
