package io.forecast.attention.sinkhorn;

import io.forecast.attention.OperatorParameter;
import io.forecast.attention.OperatorSpec;
import java.util.List;

/**
 * Registry entry of Sinkformer attention (spec §2) and the pieces shared by its DJL operator and its
 * float64 oracle: parameter names, defaults and the log marginal.
 */
public final class Sinkhorn {
  private Sinkhorn() {}

  /** Parameter: the number of single normalisations (half-steps). */
  public static final String ITERATIONS = "iterations";
  /** Parameter: the entropic temperature ε. */
  public static final String EPS = "eps";
  /** Parameter: the official code's float32 log marginals instead of float64 ones. */
  public static final String FLOAT32_MARGINALS = "float32-marginals";

  /** Default of {@link #ITERATIONS}: 3, the official ViT and NLP default (spec §2.3). */
  public static final int DEFAULT_ITERATIONS = 3;
  /** Largest accepted {@link #ITERATIONS}. */
  public static final int MAX_ITERATIONS = 1001;
  /** Default of {@link #EPS}: 1, as in every official experiment. */
  public static final double DEFAULT_EPS = 1.0;
  /** Smallest accepted {@link #EPS}. */
  public static final double MIN_EPS = 1e-6;
  /** Largest accepted {@link #EPS}. */
  public static final double MAX_EPS = 1e6;

  /** {@code sinkhorn}: {@code iterations}, {@code eps}, {@code float32-marginals}. */
  public static final OperatorSpec SPEC = new OperatorSpec(SinkhornAttention.NAME,
      "Sinkformer attention: log-domain Sinkhorn normalisation of QKᵀ·d^-0.5/ε, alternating row and column "
          + "steps starting with rows; A = N·π is (approximately) doubly stochastic, rows exact for odd iterations",
      List.of(
          OperatorParameter.ofInt(ITERATIONS, DEFAULT_ITERATIONS, 1, MAX_ITERATIONS,
              "single normalisations as in the official code: step t = 0, 1, .. normalises the rows when t is even "
                  + "and the columns when t is odd; 1 is softmax, odd values end on a row step (rows sum to 1)"),
          OperatorParameter.ofDouble(EPS, DEFAULT_EPS, MIN_EPS, MAX_EPS,
              "entropic temperature ε: Sinkhorn runs on the scores QKᵀ·d^-0.5 divided by ε"),
          OperatorParameter.ofBoolean(FLOAT32_MARGINALS, false,
              "reproduce the official code's float32 log marginals log(float32(1/N)), rounded to float32 (rows "
                  + "then sum to N·exp of that, 1 - 7.6e-9 for N = 16); false: exact float64 marginals")),
      p -> new SinkhornAttention(p.getInt(ITERATIONS), p.getDouble(EPS), p.getBoolean(FLOAT32_MARGINALS)),
      p -> new SinkhornReference(p.getInt(ITERATIONS), p.getDouble(EPS), p.getBoolean(FLOAT32_MARGINALS)));

  /**
   * The log of the uniform marginal {@code 1/count}: {@code log(1.0/count)} in float64, or with
   * {@code float32} the official code's value, the float32 log of the float32 {@code 1/count}
   * ({@code torch.empty(.., dtype=torch.float).fill_(1.0 / n)} then {@code torch.log}), computed as
   * {@code (float) Math.log((float) (1.0 / count))}.
   */
  static double logMarginal(long count, boolean float32) {
    if (count <= 0) {
      throw new IllegalArgumentException("a marginal needs at least one token, got " + count);
    }
    double p = 1.0 / count;
    return float32 ? (float) Math.log((float) p) : Math.log(p);
  }

  /** Checks the parameters shared by the operator and the oracle. */
  static void checkParameters(int iterations, double eps) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Sinkhorn iterations must be from 1 to " + MAX_ITERATIONS + ", got "
          + iterations);
    }
    if (!(eps >= MIN_EPS && eps <= MAX_EPS)) {
      throw new IllegalArgumentException("Sinkhorn eps must be a number from " + MIN_EPS + " to " + MAX_EPS
          + ", got " + eps);
    }
  }
}
