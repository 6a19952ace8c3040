package io.forecast.attention.sinkhorn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;

/**
 * Sinkformer attention (spec §2): the official code's log-domain Sinkhorn normalisation of the scores
 * {@code S = Q·Kᵀ·d^-0.5} (multiplied by {@code d ** -0.5}, as {@code vit.py} does), then {@code O = A·V}.
 *
 * <p>With {@code X = S/ε} and uniform marginals {@code μ = 1/N} (queries), {@code ν = 1/M} (keys),
 * step {@code t = 0 .. iterations-1} is a row step {@code X ← X − logsumexp_row(X) + log μ} when t is
 * even and a column step {@code X ← X − logsumexp_col(X) + log ν} when t is odd; {@code π = exp(X)} and
 * {@code A = N·π}. This is the official update {@code u ← ε(log μ − logsumexp_j M) + u} (and the same for
 * v) on {@code M = (S + u_i + v_j)/ε}, rewritten on M itself. {@code iterations = 1} is softmax; for odd
 * iterations the rows of A sum to 1, the columns only approximately (exactly in the limit, for N = M).
 *
 * <p>Masks (spec §2.7): Sinkhorn runs on the allowed entries only. A query is valid when it may attend to
 * at least one key, a key when at least one query may attend to it; N and M above count the valid ones
 * of each (batch, head) slice, masked weights are exactly 0, and a query with no allowed key gets a zero
 * output row and a zero gradient. For padded self-attention pass {@code keep[i][j] = valid(i) ∧ valid(j)}:
 * then the valid block is square and A is (approximately) doubly stochastic on it; a key-only padding
 * mask leaves the padded queries valid, and the valid columns then sum to N/M.
 *
 * <p>Differences from the official code: no early exit (it stops once the change of u falls below 1e-12,
 * which moves A by less than that; the loop always runs every step here, as it did in every official
 * run); for rectangular scores (N ≠ M) A is scaled by N so that rows sum to 1 (the official code scales by
 * M, giving rows that sum to M/N); marginals are float64 unless {@code float32-marginals} is set.
 * Gradients are the full unrolled ones through DJL's autograd (the ViT copy of the official code, which
 * does not detach v).
 */
public final class SinkhornAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "sinkhorn";

  private final int iterations;
  private final double eps;
  private final boolean float32Marginals;

  /**
   * @param iterations single normalisations, 1 to {@value Sinkhorn#MAX_ITERATIONS} (even steps: rows)
   * @param eps entropic temperature, from {@value Sinkhorn#MIN_EPS} to {@value Sinkhorn#MAX_EPS}
   * @param float32Marginals the official code's float32 log marginals instead of float64 ones
   * @throws IllegalArgumentException for a parameter out of range
   */
  public SinkhornAttention(int iterations, double eps, boolean float32Marginals) {
    Sinkhorn.checkParameters(iterations, eps);
    this.iterations = iterations;
    this.eps = eps;
    this.float32Marginals = float32Marginals;
  }

  /** The defaults: 3 iterations, ε = 1, float64 marginals. */
  public SinkhornAttention() {
    this(Sinkhorn.DEFAULT_ITERATIONS, Sinkhorn.DEFAULT_EPS, false);
  }

  @Override
  public String name() {
    return NAME;
  }

  public int iterations() {
    return iterations;
  }

  public double eps() {
    return eps;
  }

  public boolean float32Marginals() {
    return float32Marginals;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    long d = q.getShape().getLastDimension();
    NDArray kt = AttentionOps.owned(q, k.swapAxes(-1, -2)); // a temporary: into q's manager, not k's
    NDArray s = q.matMul(kt);
    NDArray x = s.mul(AttentionOps.scalar(s, Math.pow(d, -0.5))).div(AttentionOps.scalar(s, eps));
    NDArray a = keep == null ? unmasked(x) : masked(x, keep);
    return new AttentionResult(a.matMul(v), withWeights ? a : null);
  }

  private NDArray unmasked(NDArray x) {
    Shape shape = x.getShape();
    long n = shape.get(shape.dimension() - 2);
    long m = shape.getLastDimension();
    double logMu = Sinkhorn.logMarginal(n, float32Marginals);
    double logNu = Sinkhorn.logMarginal(m, float32Marginals);
    for (int t = 0; t < iterations; t++) {
      x = t % 2 == 0 ? x.logSoftmax(-1).add(logMu) : x.logSoftmax(-2).add(logNu);
    }
    return x.exp().mul(AttentionOps.scalar(x, n));
  }

  private NDArray masked(NDArray scores, NDArray keep) {
    Shape shape = scores.getShape();
    checkMask(keep, shape);
    // a fresh array of the full shape in the scores' manager, so that nothing lands in the mask's manager
    NDArray allowed = scores.getManager().ones(shape, DataType.BOOLEAN).logicalAnd(keep);
    NDArray allowedInt = allowed.toType(DataType.INT32, false);
    NDArray rowValid = allowedInt.max(new int[] {-1}, true).gt(0); // [.., N, 1]
    NDArray colValid = allowedInt.max(new int[] {-2}, true).gt(0); // [.., 1, M]
    // valid queries and keys per slice, [.., 1, 1], at least 1 so that a fully masked slice stays finite
    NDArray rows = rowValid.toType(DataType.FLOAT64, false).sum(new int[] {-2}, true).maximum(1);
    NDArray cols = colValid.toType(DataType.FLOAT64, false).sum(new int[] {-1}, true).maximum(1);
    DataType type = scores.getDataType();
    NDArray logMu = logMarginal(rows).toType(type, false);
    NDArray logNu = logMarginal(cols).toType(type, false);
    NDArray minusInf = scores.getManager().full(new Shape(), Float.NEGATIVE_INFINITY, type);
    NDArray zero = scores.getManager().zeros(new Shape(), type);
    NDArray x = NDArrays.where(allowed, scores, minusInf);
    // DJL's where takes a condition of the data's shape only
    NDArray rowValidFull = rowValid.broadcast(shape);
    NDArray colValidFull = colValid.broadcast(shape);
    for (int t = 0; t < iterations; t++) {
      boolean rowStep = t % 2 == 0;
      // a line with no allowed entry is all -inf: it is normalised as zeros (finite, no NaN in either pass)
      // and then masked again like every other disallowed entry
      NDArray safe = NDArrays.where(rowStep ? rowValidFull : colValidFull, x, zero);
      NDArray normalised = safe.logSoftmax(rowStep ? -1 : -2).add(rowStep ? logMu : logNu);
      x = NDArrays.where(allowed, normalised, minusInf);
    }
    // exp(-inf) = 0 exactly: masked entries, fully masked rows and columns
    return x.exp().mul(rows.toType(type, false));
  }

  /** {@link Sinkhorn#logMarginal} of every entry of {@code counts} (float64, whole numbers ≥ 1). */
  private NDArray logMarginal(NDArray counts) {
    NDArray p = counts.getManager().ones(new Shape(), DataType.FLOAT64).div(counts);
    if (!float32Marginals) {
      return p.log();
    }
    // float32(1/n), its log in float64, rounded to float32: (float) Math.log((float) (1.0 / n))
    return p.toType(DataType.FLOAT32, false).toType(DataType.FLOAT64, false).log()
        .toType(DataType.FLOAT32, false).toType(DataType.FLOAT64, false);
  }

  /** Refuses a non-boolean mask or one that does not broadcast to the scores' shape, naming both. */
  static void checkMask(NDArray keep, Shape scores) {
    Shape ks = keep.getShape();
    if (keep.getDataType() != DataType.BOOLEAN) {
      throw new IllegalArgumentException("the keep mask must be boolean (true = attend), got " + keep.getDataType()
          + " of shape " + ks);
    }
    boolean fits = ks.dimension() <= scores.dimension();
    for (int i = 1; fits && i <= ks.dimension(); i++) {
      long got = ks.get(ks.dimension() - i);
      fits = got == 1 || got == scores.get(scores.dimension() - i);
    }
    if (!fits) {
      throw new IllegalArgumentException("the keep mask of shape " + ks + " does not broadcast to the scores' shape "
          + scores + " [.., queries, keys]; each of its axes must be 1 or the scores' size");
    }
  }
}
