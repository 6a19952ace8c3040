package io.forecast.attention.qr;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Registry entry of QR attention, and the definitions its DJL operator and its oracle share: the
 * noise matrix drawn from the seed and the rank-deficiency test.
 *
 * <p><b>Rank deficiency.</b> {@code M = Q·Kᵀ} ({@code N×N}) is treated as rank-deficient when
 * {@code d < N} (its rank is at most {@code d}: structurally deficient) or when the diagonal of
 * {@code R} in {@code M = U·R} has {@code min |R_ii| ≤ N·ε·max |R_ii|}, with {@code ε} the unit
 * roundoff of the arithmetic ({@code 2⁻⁵²} in float64, {@code 2⁻²³} in float32); this is the usual
 * {@code matrix_rank} tolerance with {@code |R_ii|} in place of the singular values. Only then is the
 * noise {@code E} added: {@code M ← M + E}, and the QR is taken again.
 *
 * <p><b>Noise.</b> {@code E = noise · Z}, with {@code Z} an {@code N×N} standard-normal matrix
 * drawn row by row from {@code new SplittableRandom(seed).nextGaussian()}. The spec's
 * "N(0, 1e−7)" does not say whether 1e−7 is the standard deviation or the variance; it is read here
 * as the standard deviation. The same {@code E} is used for every head and every sample, and for
 * every call: a head's result depends on its own {@code M} and the seed only, never on its position
 * in the batch, so the operator equals its oracle head by head.
 */
public final class Qr {
  private Qr() {}

  /** Parameter name: the standard deviation of the noise. */
  public static final String NOISE = "noise";
  /** Parameter name: the seed of the noise. */
  public static final String SEED = "seed";

  /** {@code qr}: {@code noise} (std, default 1e-7) and {@code seed} (default 0). */
  public static final OperatorSpec SPEC = new OperatorSpec(QrAttention.NAME,
      "QDSFormer QR attention: A = U∘U with Q·Kᵀ = U·R (Householder QR), exactly doubly stochastic; needs as "
          + "many keys as queries; no mask",
      List.of(
          OperatorParameter.ofDouble(NOISE, 1e-7, 0, 1,
              "standard deviation of the Gaussian noise added to M = Q·Kᵀ only when M is rank-deficient "
                  + "(d < N, or min|R_ii| <= N·eps·max|R_ii|); the spec's N(0, 1e-7) read as a std; 0 adds none"),
          OperatorParameter.ofLong(SEED, 0L, 0L, Long.MAX_VALUE,
              "seed of the noise matrix (one N×N matrix from SplittableRandom(seed), the same for every head)")),
      p -> new QrAttention(p.getDouble(NOISE), p.getLong(SEED)),
      p -> new QrReference(p.getDouble(NOISE), p.getLong(SEED)));

  /**
   * The noise matrix {@code E} ({@code n×n}, row-major): {@code std} times standard-normal draws of
   * {@code new SplittableRandom(seed)}, in row-major order.
   */
  public static double[] noiseMatrix(long seed, int n, double std) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] e = new double[n * n];
    for (int i = 0; i < e.length; i++) {
      e[i] = std * random.nextGaussian();
    }
    return e;
  }

  /**
   * Whether the diagonal {@code rDiag} of {@code R} says the {@code n×n} matrix is rank-deficient:
   * {@code min |R_ii| ≤ n·unitRoundoff·max |R_ii|} (an all-zero diagonal is deficient).
   */
  public static boolean rankDeficient(double[] rDiag, double unitRoundoff) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double r : rDiag) {
      min = Math.min(min, Math.abs(r));
      max = Math.max(max, Math.abs(r));
    }
    return !(min > rDiag.length * unitRoundoff * max);
  }
}
