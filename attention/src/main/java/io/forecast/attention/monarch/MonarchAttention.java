package io.forecast.attention.monarch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;

/**
 * MonarchAttention (spec §5; Yaras et al., NeurIPS 2025; official {@code ma/ma_torch.py}): the mixing
 * matrix is restricted to a row-stochastic Monarch matrix {@code A[(l,j),(k,i)] = L[j,k,l]·R[k,j,i]}
 * (block size b, m = ceil(N/b) blocks, row index l·b + j, column index k·b + i) fitted by T steps of
 * alternating maximisation of {@code <A, S> + H(A)}, S = Q·Kᵀ/√d, starting from L = I (R first).
 *
 * <p>Cost. The operator works on the factored state only (per step: one {@code [m, b, b]} R-softmax
 * and one {@code [b, m, m]} L-softmax, each with a {@code d}-wide batched product), i.e. O(T·N(m+b)·d) =
 * O(T·N^1.5·d) time and O(N(m+b)) memory per head for autograd; the N×N matrix is built from the final
 * factors only when {@code withWeights} is true. Differentiable through autograd (the T steps are
 * unrolled).
 *
 * <p>Numerics follow the official code: {@code 1e-12} is added to the R-step divisor {@code cR} and to
 * the R-softmax denominator, and R is clamped at the smallest normal number of the dtype before its
 * {@code R·log R}. One deliberate difference (spec §5.5): the R-softmax subtracts the true row maximum,
 * not {@code max(rowmax, 1e-12)} (the official form underflows to a non-stochastic R when every score of
 * a row is below about −28; where it does not, the two differ only through the 1e-12 denominator term).
 * Internals run in the dtype of the inputs (the official code computes the scores in float32).
 *
 * <p>Padding. When b does not divide N, zero tokens are added before ({@code pre}) or after
 * ({@code post}) the sequence; they are never attended to (−∞ in the R-step), do not enter the R-step
 * statistics after the first L-step, and their output rows are dropped.
 *
 * <p>Masks. Only key-padding masks, as the official {@code attention_mask}: {@code keep} must be the
 * same for every query (shape {@code [.., 1, N]}, or {@code [.., N, N]} with identical rows). A masked
 * token is treated like a padding token: it gets weight exactly 0 from every query, and after the first
 * L-step it no longer enters the R-step statistics as a query (as in the official code, the first R-step
 * from L = I still uses its query vector; its own output row is computed like any other). A key block
 * with no kept key gets L-weight exactly 0 (the official code would leave A rows summing to less than
 * one there); a sample with no kept key at all gets zero outputs. Per-query masks (causal, ...) cannot
 * be expressed by a Monarch matrix and are refused.
 *
 * <p>Self-attention only: K and V must have as many tokens as Q.
 */
public final class MonarchAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "monarch";

  private final int blockSize;
  private final int steps;
  private final boolean prePad;

  /**
   * @param blockSize b, or 0 for round(√N) ({@link Monarch#effectiveBlockSize})
   * @param steps T ≥ 1
   * @param pad {@code pre} or {@code post}
   * @throws IllegalArgumentException for values out of range
   */
  public MonarchAttention(int blockSize, int steps, String pad) {
    Monarch.checkParameters(blockSize, steps, pad);
    this.blockSize = blockSize;
    this.steps = steps;
    this.prePad = Monarch.PRE.equals(pad);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    Shape qs = q.getShape();
    int axes = qs.dimension();
    Shape lead = qs.slice(0, axes - 2);
    long n = qs.get(axes - 2);
    long d = qs.getLastDimension();
    long dv = v.getShape().getLastDimension();
    if (k.getShape().get(axes - 2) != n) {
      throw new IllegalArgumentException("monarch attention is self-attention: it needs as many keys as queries, got "
          + "Q " + qs + " and K " + k.getShape());
    }
    if (n < 1) {
      throw new IllegalArgumentException("monarch attention needs at least one token, got Q " + qs);
    }
    checkLeading("K", k.getShape(), lead);
    checkLeading("V", v.getShape(), lead);
    NDManager manager = q.getManager();
    DataType type = q.getDataType();
    int b = Monarch.effectiveBlockSize(blockSize, (int) n);
    int m = (int) ((n + b - 1) / b);
    int np = m * b;
    int pad = (int) (np - n);
    int offset = prePad ? pad : 0;
    long p = lead.size();

    NDArray keyKeep = keyMask(keep, lead, n, qs); // [P, N] boolean or null
    NDArray q3 = padTokens(q.reshape(p, n, d), pad, manager);
    NDArray k3 = padTokens(k.broadcast(lead.addAll(new Shape(n, d))).reshape(p, n, d), pad, manager);
    NDArray v3 = padTokens(v.broadcast(lead.addAll(new Shape(n, dv))).reshape(p, n, dv), pad, manager);
    NDArray valid = null; // [P, Np] boolean: a real, kept token
    if (keyKeep != null || pad > 0) {
      NDArray ones = keyKeep != null ? keyKeep.toType(DataType.INT32, false) : manager.ones(new Shape(p, n), DataType.INT32);
      valid = padTokens(ones, pad, manager).gt(0);
    }

    // grid views: row/column index t = block·b + position
    NDArray qb = q3.reshape(p, m, b, d); // [P, l|k, j, d]
    NDArray kb = k3.reshape(p, m, b, d); // [P, k, i, d]
    NDArray vb = v3.reshape(p, m, b, dv); // [P, k, i, dv]
    NDArray qt = qb.transpose(0, 2, 1, 3); // [P, j, l, d]
    NDArray kbT = kb.swapAxes(-1, -2); // [P, k, d, i]
    NDArray qtT = qt.swapAxes(-1, -2); // [P, j, d, l]

    NDArray validKeys = null; // [P, k, 1, i]
    NDArray validQueries = null; // [P, j, 1, l], as 0/1 of the dtype
    NDArray blockHasKey = null; // [P, m]: the key block has a kept key (only with a user mask)
    NDArray anyKey = null; // [P]: the sample has a kept key (only with a user mask)
    if (valid != null) {
      NDArray grid = valid.reshape(p, m, b);
      validKeys = grid.reshape(p, m, 1, b);
      validQueries = grid.transpose(0, 2, 1).reshape(p, b, 1, m).toType(type, false);
      if (keyKeep != null) {
        NDArray counts = grid.toType(DataType.INT32, false).sum(new int[] {-1}); // [P, m]
        blockHasKey = counts.gt(0);
        anyKey = counts.sum(new int[] {-1}).gt(0);
      }
    }
    NDArray blockR = blockHasKey == null ? null : blockHasKey.reshape(p, m, 1, 1);
    // every constant that enters the graph is a tensor of the dtype in libtorch's own memory (AttentionOps.scalar)
    NDArray scale = AttentionOps.scalar(manager, type, 1 / Math.sqrt(d));
    NDArray eps = AttentionOps.scalar(manager, type, Monarch.EPS);
    NDArray tiny = AttentionOps.scalar(manager, type, type == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL);
    NDArray minusInf = AttentionOps.scalar(manager, type, Double.NEGATIVE_INFINITY);
    NDArray zero = AttentionOps.scalar(manager, type, 0);

    // state of L = I: aR[k,j] = Σ_l L[j,k,l] q_(l,j) = q_(k,j), cR[k,j] = Σ_l L[j,k,l] = 1
    NDArray ar = qb; // [P, k, j, d]
    NDArray cr = manager.ones(new Shape(p, m, b), type); // [P, k, j]
    for (int step = 1; ; step++) {
      // R-update: R[k,j,:] = softmax_i(aR[k,j]·k_(k,i)/√d / cR[k,j]) over the kept keys of block k
      NDArray s = ar.matMul(kbT).mul(scale).div(cr.expandDims(-1).add(eps)); // [P, k, j, i]
      NDArray r = rFactor(s, validKeys, blockR, eps, tiny, minusInf, zero);
      NDArray negEntropy = xlogy(r, valid != null).sum(new int[] {-1}).transpose(0, 2, 1); // cL [P, j, k]
      NDArray al = r.matMul(kb).mul(scale).transpose(0, 2, 1, 3); // aL [P, j, k, d]
      if (step < steps) {
        // L-update: L[j,:,l] = softmax_k(q_(l,j)·aL[j,k] − cL[j,k]); padded/masked queries zeroed
        NDArray lh = al.matMul(qtT).sub(negEntropy.expandDims(-1)); // [P, j, k, l]
        NDArray l = lFactor(lh, -2, blockHasKey == null ? null : blockHasKey.reshape(p, 1, m, 1),
            anyKey == null ? null : anyKey.reshape(p, 1, 1, 1), minusInf, zero);
        if (validQueries != null) {
          l = l.mul(validQueries);
        }
        cr = l.sum(new int[] {-1}).transpose(0, 2, 1); // [P, k, j]
        ar = l.matMul(qt).transpose(0, 2, 1, 3); // [P, k, j, d]
        continue;
      }
      // last step: Y[j,k] = Σ_i R[k,j,i] v_(k,i), then O_(l,j) = Σ_k L[j,k,l] Y[j,k]
      NDArray y = r.matMul(vb).transpose(0, 2, 1, 3); // [P, j, k, dv]
      NDArray lh = qt.matMul(al.swapAxes(-1, -2)).sub(negEntropy.expandDims(-2)); // [P, j, l, k]
      NDArray l = lFactor(lh, -1, blockHasKey == null ? null : blockHasKey.reshape(p, 1, 1, m),
          anyKey == null ? null : anyKey.reshape(p, 1, 1, 1), minusInf, zero);
      NDArray z = l.matMul(y).transpose(0, 2, 1, 3).reshape(p, np, dv); // [P, (l,j), dv]
      NDArray out = unpad(z, offset, n, false).reshape(lead.addAll(new Shape(n, dv)));
      NDArray weights = null;
      if (withWeights) {
        // A[(l,j),(k,i)] = L[j,k,l]·R[k,j,i]: [P, l, j, k, 1] × [P, 1, j, k, i]
        NDArray a = l.transpose(0, 2, 1, 3).expandDims(-1).mul(r.transpose(0, 2, 1, 3).expandDims(1))
            .reshape(p, np, np);
        weights = unpad(a, offset, n, true).reshape(lead.addAll(new Shape(n, n)));
      }
      return new AttentionResult(out, weights);
    }
  }

  /**
   * The official R-softmax: {@code exp(s − max) / (Σ exp(s − max) + eps)}, clamped at the smallest
   * normal number; with a mask, masked keys are exactly 0 and a block without a kept key is all 0.
   */
  private static NDArray rFactor(NDArray s, NDArray validKeys, NDArray blockR, NDArray eps, NDArray tiny,
      NDArray minusInf, NDArray zero) {
    NDArray x = s;
    if (validKeys != null) {
      NDArray allowed = blockR == null ? validKeys : validKeys.logicalOr(blockR.logicalNot());
      x = where(allowed, s, minusInf);
    }
    NDArray e = x.sub(x.max(new int[] {-1}, true)).exp();
    NDArray r = e.div(e.sum(new int[] {-1}, true).add(eps)).maximum(tiny);
    return validKeys == null ? r : where(validKeys, r, zero);
  }

  /** {@code where} with the condition broadcast to the shape of {@code a} (DJL's where does not broadcast it). */
  private static NDArray where(NDArray condition, NDArray a, NDArray b) {
    return NDArrays.where(condition.getShape().equals(a.getShape()) ? condition : condition.broadcast(a.getShape()),
        a, b);
  }

  /** {@code r·log r} with {@code 0·log 0 = 0} (and a zero gradient there). */
  private static NDArray xlogy(NDArray r, boolean mayHaveZeros) {
    if (!mayHaveZeros) {
      return r.mul(r.log());
    }
    return r.mul(where(r.gt(0), r, r.onesLike()).log());
  }

  /** Softmax over {@code axis} (the key blocks), blocks without a kept key exactly 0, rows without any 0. */
  private static NDArray lFactor(NDArray lh, int axis, NDArray blockOk, NDArray anyKey, NDArray minusInf,
      NDArray zero) {
    if (blockOk == null) {
      return lh.softmax(axis);
    }
    NDArray x = where(blockOk.logicalOr(anyKey.logicalNot()), lh, minusInf);
    return where(blockOk, x.softmax(axis), zero);
  }

  /** Zero tokens along axis 1 of {@code [P, N, c]} (or {@code [P, N]}): before or after the sequence. */
  private NDArray padTokens(NDArray x, int pad, NDManager manager) {
    if (pad == 0) {
      return x;
    }
    Shape s = x.getShape();
    Shape zs = s.dimension() == 3 ? new Shape(s.get(0), pad, s.get(2)) : new Shape(s.get(0), pad);
    NDArray zeros = manager.zeros(zs, x.getDataType());
    return prePad ? NDArrays.concat(new NDList(zeros, x), 1) : NDArrays.concat(new NDList(x, zeros), 1);
  }

  /** Rows (and, for A, columns) {@code offset .. offset + n} of a padded {@code [P, Np, c]}. */
  private static NDArray unpad(NDArray x, int offset, long n, boolean columnsToo) {
    if (x.getShape().get(1) == n) {
      return x;
    }
    String rows = offset + ":" + (offset + n);
    return x.get(columnsToo ? ":, " + rows + ", " + rows : ":, " + rows + ", :");
  }

  /**
   * The kept keys {@code [P, N]} of a key-padding mask, or null; refuses masks that differ between
   * queries or do not broadcast to {@code [.., N, N]}.
   */
  private static NDArray keyMask(NDArray keep, Shape lead, long n, Shape qs) {
    if (keep == null) {
      return null;
    }
    if (keep.getDataType() != DataType.BOOLEAN) {
      throw new IllegalArgumentException("monarch attention: the mask must be boolean (true = keep), got "
          + keep.getDataType());
    }
    Shape target = lead.addAll(new Shape(n, n));
    Shape ks = keep.getShape();
    if (ks.dimension() > target.dimension()) {
      throw new IllegalArgumentException("monarch attention: a mask " + ks + " does not broadcast to " + target
          + " (Q " + qs + ")");
    }
    NDArray mask = keep;
    if (ks.dimension() < target.dimension()) {
      long[] dims = new long[target.dimension()];
      java.util.Arrays.fill(dims, 1);
      System.arraycopy(ks.getShape(), 0, dims, dims.length - ks.dimension(), ks.dimension());
      mask = keep.reshape(new Shape(dims));
    }
    Shape ms = mask.getShape();
    for (int i = 0; i < target.dimension(); i++) {
      if (ms.get(i) != 1 && ms.get(i) != target.get(i)) {
        throw new IllegalArgumentException("monarch attention: a mask " + ks + " does not broadcast to " + target
            + " (Q " + qs + ")");
      }
    }
    int queryAxis = target.dimension() - 2;
    if (ms.get(queryAxis) != 1) {
      NDArray ints = mask.toType(DataType.INT32, false);
      NDArray lo = ints.min(new int[] {queryAxis}, true);
      NDArray hi = ints.max(new int[] {queryAxis}, true);
      if (!lo.eq(hi).all().getBoolean()) {
        throw new IllegalArgumentException("monarch attention takes only key-padding masks, the same for every query "
            + "(e.g. [B, 1, 1, N]); a per-query mask (causal, ...) cannot be expressed by a Monarch matrix, got a mask "
            + ks + " whose rows differ");
      }
      mask = lo.gt(0);
    }
    return mask.broadcast(lead.addAll(new Shape(1, n))).reshape(lead.size(), n);
  }

  private static void checkLeading(String what, Shape s, Shape lead) {
    for (int i = 0; i < lead.dimension(); i++) {
      if (s.get(i) != lead.get(i) && s.get(i) != 1) {
        throw new IllegalArgumentException("monarch attention: the leading axes of " + what + " " + s
            + " must equal those of Q " + lead + " or be 1");
      }
    }
  }
}
