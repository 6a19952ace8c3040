/**
 * OrthoTrans: the fixed, data-derived orthogonal bases of OLinear (spec {@code olinear.md} §1.2).
 *
 * <p>For a window length {@code L} and the training rows of every variate, the basis is built as
 * the official notebook ({@code dataset/Generate_corrmat.ipynb}, cell 0) builds it:
 *
 * <ol>
 *   <li>per variate, the sample covariance (ddof 1) {@code C} of the {@code L} lag positions over
 *       all {@code M = n - L + 1} stride-1 windows of the {@code n} training values, in raw units;
 *   <li>the variate is skipped when any diagonal entry of {@code C} is below {@code 1e-4};
 *   <li>column normalisation {@code C'[i][k] = C[i][k] / C[k][k]} (almost, but not exactly,
 *       Pearson: the result is slightly non-symmetric);
 *   <li>{@code Sigma} = arithmetic mean of the kept {@code C'};
 *   <li>{@code S} = the lower triangle of {@code Sigma} mirrored, {@code S[i][k] = S[k][i] =
 *       Sigma[max(i,k)][min(i,k)]} (what {@code numpy.linalg.eigh} reads);
 *   <li>symmetric eigendecomposition of {@code S} (EJML), eigenpairs sorted by descending
 *       eigenvalue, eigenvector {@code k} stored as <em>row</em> {@code k} of {@code Q};
 *   <li>deterministic signs: the largest-magnitude entry of every row is positive (the official
 *       files carry LAPACK's arbitrary signs; compare with them up to row sign).
 * </ol>
 *
 * <p>Everything is computed in {@code double}. The per-variate covariance uses sliding sums over the
 * diagonals ({@code O(L·M)} per variate instead of {@code O(L²·M)}) on the variate centred by its
 * overall mean; variates are processed in parallel and reduced in index order, so results are
 * bit-for-bit deterministic regardless of the thread count.
 *
 * <p>Layout follows EJML: {@link io.forecast.forecasting.orthotrans.OrthoTransOps} holds the
 * stateless operations; {@link io.forecast.forecasting.orthotrans.LagCorrelation} and {@link
 * io.forecast.forecasting.orthotrans.OrthoBasis} are immutable results with static factories.
 * {@link io.forecast.forecasting.orthotrans.OrthoTransBenchmark} times the sliding build against
 * the naive one. Reading and writing NumPy {@code .npy} files lives in {@code
 * io.forecast.forecasting.io}.
 */
package io.forecast.forecasting.orthotrans;
