package io.forecast.attention.qr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;

/**
 * QR attention (spec §3b): {@code M = Q·Kᵀ} (no 1/√d: {@code A} is invariant to scaling {@code M}),
 * {@code M = U·R}, {@code A = U∘U}, {@code O = A·V}. {@code A} is orthostochastic, hence doubly
 * stochastic up to rounding.
 *
 * <p>The QR is a Householder QR written with differentiable NDArray ops (DJL 0.36 exposes no QR),
 * batched over the leading axes, so DJL's autograd gives the gradient in float32 and float64; it is
 * the derivative of the QR itself (the §3b backward formula), whatever the signs chosen. Householder
 * keeps {@code U} orthogonal to rounding even for a rank-deficient {@code M}, so {@code A} stays
 * doubly stochastic. The column signs of {@code U} (the reflection picks {@code R_kk} of sign opposite
 * to the pivot, to avoid cancellation) do not matter: they cancel in {@code U∘U}.
 *
 * <p>Rank-deficient heads ({@link Qr}: {@code d < N}, or a tiny {@code |R_ii|}) get the seeded noise
 * {@code E} added to {@code M} before the QR; the others are untouched. The gradient of a
 * rank-deficient head is the exact derivative of the noisy QR, and it is large (it scales like
 * {@code 1/min|R_ii|}, here about 1/noise): the columns of {@code U} beyond the rank depend on the
 * noise only (spec §3b, property 7).
 *
 * <p>Refused: {@code N ≠ M} (the QR of a non-square {@code M} gives no square {@code U}), and any
 * mask (a doubly stochastic {@code U∘U} is defined over all N keys; masked weights cannot be 0 and
 * rows sum to 1 at the same time). The oracle is {@link QrReference}.
 */
public final class QrAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "qr";

  private final double noise;
  private final long seed;

  /**
   * @param noise standard deviation of the noise added to a rank-deficient {@code M} (0: none)
   * @param seed seed of the noise matrix
   */
  public QrAttention(double noise, long seed) {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("qr attention: noise must be a finite number >= 0, got " + noise);
    }
    this.noise = noise;
    this.seed = seed;
  }

  /** The defaults: noise 1e-7, seed 0. */
  public QrAttention() {
    this(1e-7, 0L);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    AttentionOps.requireNoMask("qr", "A = U∘U is doubly stochastic over all keys", keep);
    Shape qs = q.getShape();
    int axes = qs.dimension();
    long n = qs.get(axes - 2);
    long m = k.getShape().get(axes - 2);
    if (n != m) {
      throw new IllegalArgumentException("qr attention needs as many keys as queries (the QR of Q·Kᵀ must be "
          + "square), got N = " + n + " queries and M = " + m + " keys (Q " + qs + ", K " + k.getShape() + ")");
    }
    long d = qs.getLastDimension();
    NDArray scores = q.matMul(k.swapAxes(-1, -2));
    Shape full = scores.getShape();
    int size = (int) n;
    NDArray flat = scores.reshape(-1, size, size);
    long heads = flat.getShape().get(0);
    NDArray u;
    if (heads == 0 || size == 0) {
      u = flat;
    } else if (d < n) {
      u = householderU(noise > 0 ? flat.add(noiseArray(flat, size)) : flat, null);
    } else {
      double[][] diag = new double[1][];
      NDArray first = householderU(flat, diag);
      double eps = flat.getDataType() == DataType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
      boolean[] deficient = new boolean[(int) heads];
      boolean any = false;
      for (int h = 0; h < heads; h++) {
        double[] r = new double[size];
        System.arraycopy(diag[0], h * size, r, 0, size);
        deficient[h] = Qr.rankDeficient(r, eps);
        any |= deficient[h];
      }
      if (!any || noise == 0) {
        u = first;
      } else {
        double[] which = new double[(int) heads];
        for (int h = 0; h < heads; h++) {
          which[h] = deficient[h] ? 1 : 0;
        }
        NDArray select = flat.getManager().create(which, new Shape(heads, 1, 1)).toType(flat.getDataType(), false);
        u = householderU(flat.add(noiseArray(flat, size).mul(select)), null);
      }
    }
    NDArray a = u.mul(u).reshape(full);
    return new AttentionResult(a.matMul(v), withWeights ? a : null);
  }

  /** The noise matrix {@code E} as an {@code [N, N]} array of the type of {@code like}. */
  private NDArray noiseArray(NDArray like, int size) {
    return like.getManager().create(Qr.noiseMatrix(seed, size, noise), new Shape(size, size))
        .toType(like.getDataType(), false);
  }

  /**
   * {@code U} of the Householder QR {@code a = U·R} of each {@code [N, N]} matrix of {@code a [H, N, N]},
   * from differentiable ops only; when {@code diagOut} is given, {@code diagOut[0]} receives the
   * diagonals of {@code R} ({@code H·N} values, head-major, detached).
   */
  static NDArray householderU(NDArray a, double[][] diagOut) {
    NDManager manager = a.getManager();
    DataType type = a.getDataType();
    int n = (int) a.getShape().get(1);
    NDArray r = a;
    NDArray u = manager.eye(n).toType(type, false);
    for (int k = 0; k + 1 < n; k++) {
      double[] unit = new double[n];
      double[] below = new double[n];
      unit[k] = 1;
      for (int i = k; i < n; i++) {
        below[i] = 1;
      }
      NDArray ek = manager.create(unit, new Shape(n, 1)).toType(type, false);
      NDArray lower = manager.create(below, new Shape(n, 1)).toType(type, false);
      NDArray column = r.matMul(ek); // [H, N, 1]
      NDArray x = column.mul(lower);
      NDArray pivot = ek.swapAxes(0, 1).matMul(column); // [H, 1, 1]
      NDArray alpha = x.square().sum(new int[] {1}, true).sqrt();
      // v = x + sign(x_k)·‖x‖·e_k with sign(0) = +1; the sign is locally constant (no gradient)
      NDArray sign = pivot.gte(0).toType(type, false).mul(2).sub(1);
      NDArray vec = x.add(ek.mul(sign.mul(alpha)));
      NDArray vtv = vec.square().sum(new int[] {1}, true);
      NDArray positive = vtv.gt(0);
      // H = I − β·v·vᵀ with β = 2/(vᵀv); β = 0 (H = I) for an all-zero column, without 0/0 in either pass
      NDArray beta = NDArrays.where(positive, vtv.onesLike().mul(2).div(NDArrays.where(positive, vtv, vtv.onesLike())),
          vtv.zerosLike());
      NDArray vt = vec.swapAxes(1, 2);
      r = r.sub(vec.mul(beta).matMul(vt.matMul(r)));
      u = u.sub(u.matMul(vec).mul(beta).matMul(vt));
    }
    if (diagOut != null) {
      diagOut[0] = r.stopGradient().diagonal(0, 1, 2).toType(DataType.FLOAT64, false).toDoubleArray();
    }
    return u;
  }
}
